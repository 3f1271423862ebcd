package dev.snet.compiler.search;

import dev.snet.runtime.io.JsonReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back what {@link Settings#key()} wrote, for showing a study without its command line. */
public final class StudySettings {
    private StudySettings() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String key) throws Study.StudyException {
        try {
            return (Map<String, Object>) JsonReader.parse(key);
        } catch (JsonReader.JsonException | ClassCastException e) {
            throw new Study.StudyException("the study's settings are unreadable: " + e.getMessage());
        }
    }

    public static List<Objective> objectives(Map<String, Object> settings) throws Study.StudyException {
        List<Objective> out = new ArrayList<>();
        try {
            for (Object o : (List<?>) settings.get("objectives")) out.add(Objective.parse((String) o));
        } catch (RuntimeException e) {
            throw new Study.StudyException("the study's objectives are unreadable: " + e.getMessage());
        }
        return out;
    }

    public static Map<String, String> fixed(Map<String, Object> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        if (settings.get("fixed") instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}

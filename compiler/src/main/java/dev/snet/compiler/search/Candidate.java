package dev.snet.compiler.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One architecture of a search space: a value for every choice it reaches, in the order the
 * elaborator meets them. Its encoding is the {@code -P} assignments that select it, e.g.
 * {@code width=1.0 depth3=6 stage3.5.kernel=5}, which summary, compile and run accept as they are.
 */
public record Candidate(Map<String, String> choices) implements java.io.Serializable {
    public Candidate {
        choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));  // both serializable: jobs travel to Spark executors
    }

    public String encoding() {
        return choices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** Reads an encoding back. */
    public static Candidate parse(String encoding) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : encoding.trim().split("\\s+")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Candidate(m);
    }

    @Override
    public String toString() { return encoding(); }
}

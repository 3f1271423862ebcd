package dev.snet.compiler.search;

import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.syntax.Loader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a remote worker needs to score candidates: the space's source files (the space and every
 * file it imports, by path relative to their common folder) and the settings that scoring reads.
 * It travels to the worker, which writes the files to a folder of its own and scores from them:
 * the cluster needs no shared file system and no copy of the user's checkout.
 */
public record ScoringSpec(Map<String, String> files, String space, Map<String, String> fixed, List<String> budgets, List<String> proxies,
                          int naswotBatch, int zenBatch, double gamma, boolean planArena) implements Serializable {

    public ScoringSpec {
        files = new LinkedHashMap<>(files);
        fixed = new LinkedHashMap<>(fixed);
        budgets = new ArrayList<>(budgets);
        proxies = new ArrayList<>(proxies);
    }

    /** The spec of a search over {@code unit} (the loaded space) with these settings. */
    public static ScoringSpec of(Loader.Unit unit, Settings s) throws IOException {
        List<Path> paths = unit.files().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Path root = paths.get(0).getParent();
        for (Path p : paths) while (!p.startsWith(root)) root = root.getParent();
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : paths) files.put(root.relativize(p).toString(), Loader.read(p));
        return new ScoringSpec(files, root.relativize(paths.get(0)).toString(), s.fixed(), s.budgets().stream().map(Budget::text).toList(),
                s.proxies().stream().map(Metric::key).toList(), s.naswotBatch(), s.zenBatch(), s.gamma(), s.planArena());
    }

    /** Writes the files under a new folder and loads the space from there: a worker's evaluator. */
    public JobScorer scorer() throws IOException {
        Path dir = Files.createTempDirectory("snet-space-");
        dir.toFile().deleteOnExit();  // deleted last: the JVM deletes in the reverse order of registration
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey()).normalize();
            if (!target.startsWith(dir)) throw new IOException("a space file outside its folder: " + f.getKey());
            List<Path> missing = new ArrayList<>();
            for (Path d = target.getParent(); !d.equals(dir) && !Files.exists(d); d = d.getParent()) missing.add(0, d);
            for (Path d : missing) {
                Files.createDirectory(d);
                d.toFile().deleteOnExit();
            }
            Files.writeString(target, f.getValue());
            target.toFile().deleteOnExit();
        }
        Diagnostics d = new Diagnostics();
        Loader.Unit unit = Loader.load(dir.resolve(space), d).orElseThrow(() -> new IOException("the space does not load on this worker: " + d.sorted()));
        Space s = new Space(unit, unit.models().get(0), fixed);
        Settings settings = new Settings("remote", 0, 0, 2, 1, 1, 0, 0, 0, budgets.stream().map(Budget::parse).toList(), List.of(),
                proxies.stream().map(p -> Metric.named(p).orElseThrow()).toList(), naswotBatch, zenBatch, gamma, 1, 1, fixed, planArena);
        return new JobScorer(new Evaluator(s, settings));
    }
}

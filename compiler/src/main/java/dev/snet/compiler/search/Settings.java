package dev.snet.compiler.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a search's trials: the same settings on the same space give the same
 * trials, whatever the worker count, so they (and nothing else) identify a study in its database.
 * {@code planArena}: whether each candidate's memory is planned for its arena bytes (a third of the
 * cost stage's time), done only when a budget, an objective or the plot asks for it.
 */
public record Settings(String strategy, long seed, int trials, int population, int generations, int topK, int mutations, int crossovers,
                       double mutationProbability, List<Budget> budgets, List<Objective> objectives, List<Metric> proxies,
                       int naswotBatch, int zenBatch, double gamma, int latencyBatch, int latencyThreads, Map<String, String> fixed,
                       boolean planArena) {

    public Settings {
        budgets = List.copyOf(budgets);
        objectives = List.copyOf(objectives);
        proxies = List.copyOf(proxies);
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    /** Whether latency is measured: only when a budget or an objective names it. */
    public boolean measuresLatency() {
        return budgets.stream().anyMatch(b -> b.metric() == Metric.LATENCY) || objectives.stream().anyMatch(o -> o.metric() == Metric.LATENCY);
    }

    /** A canonical text of the settings: the study's key. */
    public String key() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy);
        m.put("seed", seed);
        switch (strategy) {
            case "random" -> m.put("trials", trials);
            case "evolution" -> {
                m.put("population", population);
                m.put("generations", generations);
                m.put("top_k", topK);
                m.put("mutations", mutations);
                m.put("crossovers", crossovers);
                m.put("mutation_prob", mutationProbability);
            }
            default -> { }
        }
        m.put("budgets", budgets.stream().map(Budget::text).toList());
        m.put("objectives", objectives.stream().map(Objective::toString).toList());
        m.put("proxies", proxies.stream().map(Metric::key).toList());
        if (proxies.contains(Metric.NASWOT)) m.put("naswot_batch", naswotBatch);
        if (proxies.contains(Metric.ZEN)) {
            m.put("zen_batch", zenBatch);
            m.put("gamma", gamma);
        }
        if (measuresLatency()) {
            m.put("latency_batch", latencyBatch);
            m.put("latency_threads", latencyThreads);
        }
        m.put("fixed", new java.util.TreeMap<>(fixed));  // the order of -P flags does not make another study
        if (planArena) m.put("arena", true);
        return dev.snet.compiler.util.Json.write(m);
    }
}

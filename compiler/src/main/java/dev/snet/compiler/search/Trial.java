package dev.snet.compiler.search;

import java.util.EnumMap;
import java.util.Map;

/**
 * One candidate a search looked at, with what it measured. {@code number} is its place in the
 * run (the strategy's order, whatever the threads did); {@code note} says which budget an
 * infeasible trial broke or why a failed one failed.
 */
public record Trial(int number, int generation, Candidate candidate, State state, Map<Metric, Double> metrics, long seed,
                    long startedMillis, long finishedMillis, String note) {

    public enum State {
        /** Within every budget and scored. */
        COMPLETE,
        /** Outside a budget: not scored further than that budget needed. */
        INFEASIBLE,
        /** Could not be measured (the note says why). */
        FAILED
    }

    public Trial {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.putAll(metrics);
        metrics = java.util.Collections.unmodifiableMap(m);
    }

    public double metric(Metric m) { return metrics.getOrDefault(m, Double.NaN); }

    public boolean complete() { return state == State.COMPLETE; }
}

package dev.snet.compiler.search;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where candidates are scored: in this process on worker threads, or elsewhere. An engine only
 * scores; the strategy and the study stay with the search, so the engine cannot change which trials
 * a seed gives. A job is a candidate's encoding and seed; a result, its metrics or why it stopped.
 */
public interface ScoringEngine extends AutoCloseable {
    record Job(int number, Candidate candidate, long seed) implements java.io.Serializable {}

    record Result(int number, Map<Metric, Double> metrics, Trial.State state, String note, long startedMillis, long finishedMillis)
            implements java.io.Serializable {
        public Result {
            metrics = metrics.isEmpty() ? new java.util.EnumMap<>(Metric.class) : new java.util.EnumMap<>(metrics);
        }
    }

    /** Scores every job, handing each result to {@code done} as it finishes (on any thread, one at a time). */
    void score(List<Job> jobs, Consumer<Result> done) throws InterruptedException;

    /**
     * A hint that {@code job} will be in the next {@link #score} call: an engine may start on it at
     * once, while the search is still choosing the rest of the generation. Ignoring it is correct.
     */
    default void start(Job job) {}

    @Override
    void close();

    /** The engine itself failed (a cluster lost beyond its retries): the search stops, its study intact. */
    final class EngineFailure extends RuntimeException {
        public EngineFailure(String message, Throwable cause) { super(message, cause); }
    }
}

package dev.snet.compiler.search;

import java.util.Map;

/**
 * A scoring engine that lives in a module of its own (found with {@link java.util.ServiceLoader}),
 * so that snetc loads Spark only when a search asks for it: {@code --engine spark}.
 */
public interface EngineProvider {
    /** What {@code --engine} calls it. */
    String name();

    /** Where and how to run: {@code --master} (null: the engine's default), {@code --conf key=value} pairs, the worker count for local modes. */
    record Options(String master, Map<String, String> conf, int workers) {}

    /** Starts the engine, or throws with a message for the user (an unreachable cluster, a bad setting). */
    ScoringEngine open(ScoringSpec spec, Options options) throws EngineException;

    /** An engine that cannot start, said in one line. */
    final class EngineException extends Exception {
        public EngineException(String message) { super(message); }
    }
}

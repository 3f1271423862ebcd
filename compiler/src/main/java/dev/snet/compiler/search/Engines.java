package dev.snet.compiler.search;

/** The scoring engines a search can run on. */
public final class Engines {
    private Engines() {}

    /** Worker threads in this process. */
    public static ScoringEngine local(Space space, Settings settings, int workers) {
        return new LocalEngine(new Evaluator(space, settings), workers);
    }
}

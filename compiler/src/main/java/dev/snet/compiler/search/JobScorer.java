package dev.snet.compiler.search;

/**
 * Scores jobs where a {@link ScoringSpec} was unpacked: what every engine's worker runs. A failure
 * of the candidate itself (it does not elaborate, runs out of memory, breaks a proxy) comes back as
 * a failed result with the reason; only the worker's own troubles (a lost machine) are errors.
 */
public final class JobScorer {
    private final Evaluator evaluator;

    JobScorer(Evaluator evaluator) { this.evaluator = evaluator; }

    public ScoringEngine.Result score(ScoringEngine.Job job) {
        long start = System.currentTimeMillis();
        try {
            return LocalEngine.evaluate(evaluator, job);
        } catch (RuntimeException | StackOverflowError e) {
            return new ScoringEngine.Result(job.number(), java.util.Map.of(), Trial.State.FAILED, "scoring failed: " + e, start, System.currentTimeMillis());
        }
    }
}

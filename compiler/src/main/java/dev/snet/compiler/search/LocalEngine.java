package dev.snet.compiler.search;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Scores candidates on worker threads of this process: costs again (cheap) and then the proxies. */
final class LocalEngine implements ScoringEngine {
    private final Evaluator evaluator;
    private final JobScorer scorer;
    private final ExecutorService pool;

    LocalEngine(Evaluator evaluator, int workers) {
        this.evaluator = evaluator;
        this.scorer = new JobScorer(evaluator);
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "snet-search-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Jobs started before their generation was complete (the search's thread costs candidates while workers score). */
    private final java.util.Map<Integer, Future<Result>> started = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void start(Job job) { started.put(job.number(), pool.submit(() -> scorer.score(job))); }

    /** The evaluator its workers use, which the search shares to hand them the costs it computed. */
    Evaluator evaluator() { return evaluator; }

    @Override
    public void score(List<Job> jobs, Consumer<Result> done) throws InterruptedException {
        List<Future<Result>> futures = jobs.stream().map(j -> {
            Future<Result> f = started.remove(j.number());
            return f != null ? f : pool.submit(() -> scorer.score(j));
        }).toList();
        for (Future<Result> f : futures) {
            try {
                done.accept(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    /** One job: what every engine computes for a candidate. */
    static Result evaluate(Evaluator evaluator, Job j) {
        long start = System.currentTimeMillis();
        Evaluator.Stage s = evaluator.admittedCosts(j.candidate());
        if (s.goesOn()) s = evaluator.proxies(s, j.seed());
        return new Result(j.number(), s.metrics(), s.goesOn() ? Trial.State.COMPLETE : s.stop(), s.note(), start, System.currentTimeMillis());
    }

    @Override
    public void close() { pool.shutdownNow(); }
}

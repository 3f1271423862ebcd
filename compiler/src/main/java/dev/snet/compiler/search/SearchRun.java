package dev.snet.compiler.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The search loop: the strategy proposes, the admission costs each proposal on this thread
 * (duplicates and candidates outside a cost budget stop there), the engine scores the admitted
 * ones, latency is measured one candidate at a time, and every trial goes to the study as it
 * finishes. Resuming replays the strategy from the start and takes each trial the study already
 * holds instead of measuring it: the strategy is deterministic, so the replay proposes the same
 * candidates in the same order.
 */
public final class SearchRun {
    /** What a run reports as it goes. */
    public interface Listener {
        void trialDone(Trial t, List<Trial> history, int planned);
    }

    /** The study disagrees with the replay: the space or snet changed under it. */
    public static final class Diverged extends RuntimeException {
        Diverged(String message) { super(message); }
    }

    private final Space space;
    private final Settings settings;
    private final Strategy strategy;
    private final Evaluator evaluator;
    private final boolean sharesEvaluator;
    private final ScoringEngine engine;
    private final LatencyMeter latency;
    private final Study study;
    private final Map<Integer, Trial> stored;
    private final Listener listener;
    private final List<Trial> history = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int proposed;
    private int resumed;

    public SearchRun(Space space, Settings settings, Strategy strategy, ScoringEngine engine, Study study, Listener listener)
            throws Study.StudyException {
        this.space = space;
        this.settings = settings;
        this.strategy = strategy;
        // The local engine's workers take the costs this thread computed; other engines compute their own.
        this.sharesEvaluator = engine instanceof LocalEngine;
        this.evaluator = engine instanceof LocalEngine local ? local.evaluator() : new Evaluator(space, settings);
        this.engine = engine;
        this.latency = settings.measuresLatency() ? new LatencyMeter(settings.latencyBatch(), settings.latencyThreads()) : null;
        this.study = study;
        this.stored = study == null ? Map.of() : study.trials();
        this.listener = listener;
    }

    /** Builds the strategy the settings name. */
    public static Strategy strategy(Space space, Settings s, List<Candidate> grid) {
        return switch (s.strategy()) {
            case "random" -> new RandomSearch(space, s.seed(), s.trials());
            case "evolution" -> new EvolutionSearch(space, s);
            case "grid" -> new GridSearch(grid);
            default -> throw new IllegalArgumentException("no strategy " + s.strategy());
        };
    }

    /** Trials taken from the study rather than measured. */
    public int resumed() { return resumed; }

    public int proposed() { return proposed; }

    /** Runs to the end; returns every trial in number order. */
    public List<Trial> run() throws Study.StudyException, InterruptedException {
        boolean more = true;
        for (int g = 0; more; g++) {
            final int generation = g;
            List<ScoringEngine.Job> jobs = new ArrayList<>();
            List<Study.StudyException> failures = new ArrayList<>();
            more = strategy.next(List.copyOf(history), new Strategy.Admission() {
                @Override
                public boolean admit(Candidate c) {
                    proposed++;
                    if (!seen.add(c.encoding())) return false;
                    int number = history.size() + jobs.size();
                    Trial old = stored.get(number);
                    if (old != null && !old.candidate().encoding().equals(c.encoding())) {
                        throw new Diverged("trial " + number + " of the study is `" + old.candidate().encoding() + "`, but the search now proposes `"
                                + c.encoding() + "`: the space file, the settings or snet changed; start a new study");
                    }
                    long seed = seedOf(c);
                    if (old != null && old.state() != Trial.State.COMPLETE && !evaluator.costs(c).goesOn()) {
                        // Rejected by its costs when it was proposed (costs are exact: they reject it again), so not
                        // admitted then either; one that failed or broke a budget later was admitted, and is taken below.
                        history.add(old);
                        resumed++;
                        listener.trialDone(old, history, strategy.planned());
                        return false;
                    }
                    if (old == null) {
                        long start = System.currentTimeMillis();
                        Evaluator.Stage costs = evaluator.costs(c);
                        if (!costs.goesOn()) {
                            Trial t = new Trial(number, generation, c, costs.stop(), costs.metrics(), seed, start, System.currentTimeMillis(), costs.note());
                            try {
                                finish(t);
                            } catch (Study.StudyException e) {
                                failures.add(e);
                            }
                            return false;
                        }
                        if (sharesEvaluator) evaluator.remember(c, costs);
                    }
                    ScoringEngine.Job job = new ScoringEngine.Job(number, c, seed);
                    jobs.add(job);
                    if (old == null) engine.start(job);
                    return true;
                }

                @Override
                public int proposed() { return proposed; }
            });
            if (!failures.isEmpty()) throw failures.get(0);
            scoreAll(jobs, generation);
        }
        history.sort(java.util.Comparator.comparingInt(Trial::number));
        return List.copyOf(history);
    }

    /** Scores a generation's admitted jobs (those the study lacks), then measures latency in order. */
    private void scoreAll(List<ScoringEngine.Job> jobs, int generation) throws Study.StudyException, InterruptedException {
        Map<Integer, Trial> done = new TreeMap<>();
        List<ScoringEngine.Job> missing = new ArrayList<>();
        for (ScoringEngine.Job j : jobs) {
            Trial old = stored.get(j.number());
            if (old != null) {
                done.put(j.number(), old);
                resumed++;
            } else {
                missing.add(j);
            }
        }
        Map<Integer, ScoringEngine.Job> byNumber = new TreeMap<>();
        jobs.forEach(j -> byNumber.put(j.number(), j));
        List<Study.StudyException> failures = new ArrayList<>();
        engine.score(missing, r -> {
            Trial t = new Trial(r.number(), generation, byNumber.get(r.number()).candidate(), r.state(), r.metrics(),
                    byNumber.get(r.number()).seed(), r.startedMillis(), r.finishedMillis(), r.note());
            if (latency != null && t.complete()) {
                done.put(t.number(), t);  // measured below, one at a time, then recorded
                return;
            }
            done.put(t.number(), t);
            try {
                if (study != null) study.record(t);
            } catch (Study.StudyException e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) throw failures.get(0);
        for (Trial t : done.values()) {
            if (latency != null && t.complete() && !t.metrics().containsKey(Metric.LATENCY)) {
                Evaluator.Stage s = evaluator.latency(new Evaluator.Stage(space.graph(t.candidate(), new dev.snet.compiler.diag.Diagnostics()),
                        t.metrics(), null, null), latency);
                t = new Trial(t.number(), t.generation(), t.candidate(), s.goesOn() ? Trial.State.COMPLETE : s.stop(), s.metrics(), t.seed(),
                        t.startedMillis(), System.currentTimeMillis(), s.note());
                if (study != null) study.record(t);
            }
            history.add(t);
            listener.trialDone(t, history, strategy.planned());
        }
    }

    private void finish(Trial t) throws Study.StudyException {
        if (study != null) study.record(t);
        history.add(t);
        listener.trialDone(t, history, strategy.planned());
    }

    /** A candidate's own seed for its proxies: the search's seed and its encoding, nothing about when or where it ran. */
    long seedOf(Candidate c) {
        long h = 0xCBF29CE484222325L ^ settings.seed() * 0x9E3779B97F4A7C15L;
        for (byte b : c.encoding().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001B3L;
        }
        return h;
    }
}

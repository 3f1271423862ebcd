package dev.snet.compiler.search;

import java.util.List;
import java.util.SplittableRandom;

/** Uniform random sampling of the space, without repeats: {@code trials} candidates within the cost budgets. */
final class RandomSearch implements Strategy {
    private static final int BATCH = 64;

    private final Space space;
    private final SplittableRandom random;
    private final int trials;
    private final int maxProposals;
    private int admitted;

    RandomSearch(Space space, long seed, int trials) {
        this.space = space;
        this.random = new SplittableRandom(seed);
        this.trials = trials;
        this.maxProposals = Math.max(1000, 100 * trials);
    }

    @Override
    public boolean next(List<Trial> history, Admission admit) {
        int goal = Math.min(trials, admitted + BATCH);
        while (admitted < goal && admit.proposed() < maxProposals) {
            if (admit.admit(space.complete(java.util.Map.of(), Space.Picker.random(random)))) admitted++;
        }
        return admitted < trials && admit.proposed() < maxProposals;
    }

    @Override
    public int planned() { return trials; }
}

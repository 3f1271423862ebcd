package dev.snet.compiler.search;

import java.util.List;

/** Every candidate of a small space, in the order its choices are reached. */
final class GridSearch implements Strategy {
    private static final int BATCH = 64;

    private final List<Candidate> all;
    private int next;

    GridSearch(List<Candidate> all) { this.all = List.copyOf(all); }

    @Override
    public boolean next(List<Trial> history, Admission admit) {
        int end = Math.min(all.size(), next + BATCH);
        for (; next < end; next++) admit.admit(all.get(next));
        return next < all.size();
    }

    @Override
    public int planned() { return all.size(); }
}

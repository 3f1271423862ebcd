package dev.snet.compiler.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Placement heuristics: each gives every block an offset such that blocks live at the same time
 * never overlap. XLA's heap simulator does the same and, like it, we try several and keep the best.
 */
final class Placement {
    private Placement() {}

    record Result(String name, int[] offsets, int size) {}

    /** Largest blocks first, each into the smallest gap that holds it (best fit). */
    static Result greedyBySize(List<Block> blocks) {
        List<Block> order = new ArrayList<>(blocks);
        order.sort(Comparator.comparingInt(Block::size).reversed().thenComparingInt(Block::first));
        return place("greedy-by-size best-fit", blocks.size(), order, true);
    }

    /** Blocks in the order they are produced, each at the lowest offset that is free (first fit). */
    static Result greedyInOrder(List<Block> blocks) {
        List<Block> order = new ArrayList<>(blocks);
        order.sort(Comparator.comparingInt(Block::first).thenComparing(Comparator.comparingInt(Block::size).reversed()));
        return place("greedy-in-order first-fit", blocks.size(), order, false);
    }

    /** Longest-lived blocks first, best fit: long-lived blocks at the bottom leave tidy gaps above. */
    static Result greedyByLifetime(List<Block> blocks) {
        List<Block> order = new ArrayList<>(blocks);
        order.sort(Comparator.comparingInt((Block b) -> b.last() - b.first()).reversed().thenComparing(Comparator.comparingInt(Block::size).reversed()));
        return place("greedy-by-lifetime best-fit", blocks.size(), order, true);
    }

    /**
     * Best fit in many orders: size-descending order perturbed by a seeded shuffle of blocks of
     * similar size. Deterministic (fixed seed), and cheap next to compiling the generated code.
     */
    static Result searched(List<Block> blocks, int rounds) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        Result best = null;
        List<Block> bestOrder = blocks;
        for (int r = 0; r < rounds; r++) {
            List<Block> order = new ArrayList<>(blocks);
            double[] key = new double[blocks.size()];
            for (Block b : blocks) key[b.id()] = -b.size() * (1 + 0.5 * random.nextDouble()) - (b.last() - b.first()) * random.nextDouble();
            order.sort(Comparator.comparingDouble(b -> key[b.id()]));
            Result result = place("searched best-fit", blocks.size(), order, true);
            if (best == null || result.size() < best.size()) {
                best = result;
                bestOrder = order;
            }
        }
        // Then a local search from the best order: swap two blocks, keep the swap unless the arena grows.
        List<Block> order = new ArrayList<>(bestOrder);
        for (int r = 0; r < 8 * rounds && blocks.size() > 1; r++) {
            int i = random.nextInt(order.size()), j = random.nextInt(order.size());
            java.util.Collections.swap(order, i, j);
            Result result = place("searched best-fit", blocks.size(), order, true);
            if (result.size() <= best.size()) best = result;
            else java.util.Collections.swap(order, i, j);
        }
        return best;
    }

    /**
     * Places the blocks in {@code order}. Only blocks live at the same time as the next one can be
     * in its way, so placed blocks are indexed by the steps they live at: placing costs the block's
     * lifetime times the blocks live then, not the number of blocks placed (10,000-unit models).
     */
    private static Result place(String name, int count, List<Block> order, boolean bestFit) {
        int[] offsets = new int[count];
        int steps = 0;
        for (Block b : order) steps = Math.max(steps, b.last() + 1);
        @SuppressWarnings("unchecked")
        List<Block>[] liveAt = new List[steps];
        int[] seen = new int[count];
        java.util.Arrays.fill(seen, -1);
        List<int[]> busy = new ArrayList<>();
        int size = 0;
        for (int k = 0; k < order.size(); k++) {
            Block b = order.get(k);
            busy.clear();
            for (int s = b.first(); s <= b.last(); s++) {
                if (liveAt[s] == null) continue;
                for (Block p : liveAt[s]) {
                    if (seen[p.id()] == k) continue;
                    seen[p.id()] = k;
                    busy.add(new int[] {offsets[p.id()], offsets[p.id()] + p.size()});
                }
            }
            busy.sort(Comparator.comparingInt(x -> x[0]));
            int best = -1;
            int bestGap = Integer.MAX_VALUE;
            int cursor = 0;
            for (int[] r : busy) {
                int gap = r[0] - cursor;
                if (gap >= b.size() && (bestFit ? gap < bestGap : best < 0)) {
                    best = cursor;
                    bestGap = gap;
                }
                cursor = Math.max(cursor, r[1]);
            }
            if (best < 0) best = cursor;
            offsets[b.id()] = best;
            for (int s = b.first(); s <= b.last(); s++) {
                if (liveAt[s] == null) liveAt[s] = new ArrayList<>();
                liveAt[s].add(b);
            }
            size = Math.max(size, best + b.size());
        }
        return new Result(name, offsets, size);
    }
}

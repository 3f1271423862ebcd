package dev.snet.compiler.plan;

import dev.snet.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans activations into one arena: liveness, the lower bound (the largest live set at any step),
 * several placement heuristics (the smallest wins), then a verifier proving that no two blocks
 * live at the same time overlap.
 */
public final class MemoryPlanner {
    private MemoryPlanner() {}

    /**
     * Plans {@code g} under a target's {@code policy}; {@code source} is the unoptimised graph, for
     * the naive figure: every op in a buffer of its own.
     */
    public static MemoryPlan plan(Graph g, Graph source, PlanPolicy policy) {
        Liveness live = new Liveness(g, policy);
        List<Block> blocks = live.blocks;
        int lowerBound = lowerBound(blocks, g.nodes().size());
        List<Placement.Result> results = List.of(Placement.greedyBySize(blocks), Placement.greedyInOrder(blocks), Placement.greedyByLifetime(blocks),
                Placement.searched(blocks, searchRounds(blocks.size())));
        Placement.Result best = results.get(0);
        for (Placement.Result r : results) if (r.size() < best.size()) best = r;
        List<String> tried = new ArrayList<>();
        for (Placement.Result r : results) tried.add(r.name() + ": " + r.size());
        Layout[] layouts = new Layout[g.nodes().size()];
        for (int n = 0; n < layouts.length; n++) {
            int[] planes = new int[live.refs[n].length];
            for (int c = 0; c < planes.length; c++) {
                Liveness.Ref r = live.refs[n][c];
                planes[c] = best.offsets()[r.block()] + r.plane() * live.pitch[blockProducer(blocks, r.block())];
            }
            layouts[n] = new Layout(live.planeSize[n], planes);
        }
        long naive = 0;
        for (var node : source.nodes()) naive += node.shape().elements();
        MemoryPlan plan = new MemoryPlan(List.copyOf(blocks), best.offsets(), layouts, best.size(), naive, lowerBound, best.name(), tried);
        PlanVerifier.verify(plan);
        return plan;
    }

    /** 64 orders for every model of the zoo; fewer for thousands of blocks, so that planning stays near-linear. */
    static int searchRounds(int blocks) {
        return blocks <= 1_000 ? 64 : Math.max(2, 64_000 / blocks);
    }

    private static int blockProducer(List<Block> blocks, int block) { return blocks.get(block).producer(); }

    static int lowerBound(List<Block> blocks, int steps) {
        long[] live = new long[steps + 2];
        for (Block b : blocks) {
            live[b.first()] += b.size();
            live[b.last() + 1] -= b.size();
        }
        long max = 0;
        long running = 0;
        for (long d : live) {
            running += d;
            max = Math.max(max, running);
        }
        return Math.toIntExact(max);
    }
}

package dev.snet.compiler.plan;

import java.util.List;

/** Proves a plan safe: blocks live at the same step never share a float, and every layout lies inside the arena. */
public final class PlanVerifier {
    private PlanVerifier() {}

    public static void verify(MemoryPlan plan) {
        List<Block> blocks = new java.util.ArrayList<>(plan.blocks());
        int[] at = plan.offsets();
        // A sweep over time: each block is checked against the blocks still live when it starts.
        blocks.sort(java.util.Comparator.comparingInt(Block::first));
        List<Block> live = new java.util.ArrayList<>();
        for (Block a : blocks) {
            if (at[a.id()] < 0 || at[a.id()] + a.size() > plan.arenaFloats()) fail("block " + a.name() + " lies outside the arena");
            live.removeIf(b -> b.last() < a.first());
            for (Block b : live) {
                if (at[a.id()] < at[b.id()] + b.size() && at[b.id()] < at[a.id()] + a.size()) {
                    fail("blocks " + a.name() + " and " + b.name() + " are live together and overlap");
                }
            }
            live.add(a);
        }
        for (Layout l : plan.layouts()) {
            for (int p : l.planes()) if (p < 0 || p + l.planeSize() > plan.arenaFloats()) fail("a layout reads outside the arena");
        }
        if (plan.arenaFloats() < plan.lowerBoundFloats()) fail("the arena is smaller than the lower bound");
    }

    private static void fail(String what) {
        throw new IllegalStateException("memory plan verification failed: " + what);
    }
}

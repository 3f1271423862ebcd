package dev.snet.compiler.plan;

import java.util.List;

/**
 * The static memory plan of a graph: every activation placed in one float arena (per sample), the
 * layout of every node's value, and the figures that judge the plan.
 *
 * @param naiveFloats every op of the source model in a buffer of its own
 * @param lowerBoundFloats the largest set of blocks live at any one step: no placement can beat it
 * @param heuristic the placement that won
 */
public record MemoryPlan(List<Block> blocks, int[] offsets, Layout[] layouts, int arenaFloats, long naiveFloats,
                         int lowerBoundFloats, String heuristic, List<String> tried) {

    public Layout layout(int node) { return layouts[node]; }
}

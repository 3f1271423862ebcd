package dev.snet.compiler.codegen;

import dev.snet.compiler.ir.Node;
import dev.snet.compiler.plan.Layout;
import dev.snet.compiler.plan.MemoryPlan;

/**
 * A flatten computes nothing when the plan lays it on its input's planes (an fc reads them in
 * order), and is a copy when the plan gave it a block of its own: a flattened [C, H, W] read
 * element by element (by an activation, an add, a softmax) must lie as C·H·W consecutive floats.
 */
public final class Flattening {
    private Flattening() {}

    public static boolean copies(MemoryPlan plan, Node flatten) {
        return plan.layout(flatten.id()).planeSize() != plan.layout(flatten.inputs().get(0)).planeSize();
    }

    /** Where each input plane goes in the flatten's block: channel c's plane at element c·H·W. */
    public static Layout target(MemoryPlan plan, Node flatten) {
        Layout in = plan.layout(flatten.inputs().get(0));
        int[] flat = plan.layout(flatten.id()).planes();
        int[] planes = new int[in.channels()];
        for (int c = 0; c < planes.length; c++) planes[c] = flat[c * in.planeSize()];
        return new Layout(in.planeSize(), planes);
    }
}

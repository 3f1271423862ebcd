package dev.snet.compiler.codegen.tornado;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.plan.PlanPolicy;

/**
 * TornadoVM's memory policy. Planes are packed: a GPU reads a plane with consecutive work-items
 * (coalesced), so the CPU's cache-line padding and 4 KB de-aliasing would only waste memory. A
 * convolution may write over its residual: each work-item reads the residual element at its own
 * output position and then writes that position, and no other work-item reads it.
 */
final class TornadoPlanPolicy implements PlanPolicy {
    static final TornadoPlanPolicy INSTANCE = new TornadoPlanPolicy();

    private TornadoPlanPolicy() {}

    @Override
    public int pitch(int planeSize) { return planeSize; }

    @Override
    public boolean convMayOverwriteResidual(Op.Conv conv, int planeSize) { return true; }
}

package dev.snet.compiler.plan;

import dev.snet.compiler.ir.Op;

/**
 * What a target decides about memory, which the planner asks and never assumes: how far apart a
 * block's planes lie (a CPU pads them to cache lines and away from 4 KB aliasing; a GPU may pack
 * them), and which op may write its output over an input (XLA's AliasInfo question), which depends
 * on how the target's kernel reads and writes. Element-wise ops always may: every target reads each
 * element before writing it.
 */
public interface PlanPolicy {
    /** Floats from one plane of a block to the next, for planes of {@code planeSize} floats. */
    int pitch(int planeSize);

    /** Whether a convolution with a fused residual add may write its output over the residual's planes. */
    boolean convMayOverwriteResidual(Op.Conv conv, int planeSize);
}

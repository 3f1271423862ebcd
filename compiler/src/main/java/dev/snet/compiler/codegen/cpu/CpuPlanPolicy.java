package dev.snet.compiler.codegen.cpu;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.plan.PlanPolicy;
import dev.snet.runtime.kernels.Planar;

/** The CPU target's memory policy: cache-line pitches ({@link PlanePitch}), and the planar kernels' own rule for in-place residuals. */
public final class CpuPlanPolicy implements PlanPolicy {
    public static final CpuPlanPolicy INSTANCE = new CpuPlanPolicy();

    private CpuPlanPolicy() {}

    @Override
    public int pitch(int planeSize) { return PlanePitch.of(planeSize); }

    @Override
    public boolean convMayOverwriteResidual(Op.Conv c, int planeSize) {
        return Planar.residualMayBeOutput(c.kernel(), c.stride(), c.padding(), planeSize);
    }
}

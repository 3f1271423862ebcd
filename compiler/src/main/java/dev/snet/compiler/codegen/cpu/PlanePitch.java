package dev.snet.compiler.codegen.cpu;

/**
 * How far apart a block's planes lie in the CPU target's arena (its {@link CpuPlanPolicy}). Not always the plane's size: planes whose size
 * is a multiple of 1 KB (32x32, 16x16, 112x112) would put every plane of a tensor at the same
 * offset modulo 4 KB, so an 8-channel tile's stores and the next loads alias in the L1 cache (same
 * set, and the load waits on a store it only seems to depend on); a 1x1 convolution from 3 to 24
 * channels at 32x32 ran 2.4x slower that way. Planes of 16 floats or more are also rounded up to
 * whole cache lines (49 floats of a 7x7 plane take 64), which measured 10-12 % faster on the 7x7
 * 1x1 convolutions; smaller ones (4x4 and below, fc vectors) stay packed.
 */
public final class PlanePitch {
    private PlanePitch() {}

    private static final int LINE = 16;
    private static final int ALIAS = 256;

    public static int of(int planeSize) {
        if (planeSize < LINE) return planeSize;
        int pitch = (planeSize + LINE - 1) / LINE * LINE;
        return pitch % ALIAS == 0 ? pitch + LINE : pitch;
    }
}

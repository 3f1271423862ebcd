package dev.snet.runtime.kernels;

/**
 * The activation epilogue of every kernel. A clamp (ReLU, ReLU6) is applied in registers by the
 * kernels themselves, as two compares and blends before each store; the other activations
 * (h-swish, h-sigmoid, sigmoid) are not clamps, so a kernel computes its block with no activation
 * (or with the clamp part) and the activation then runs over the planes it just wrote, still in
 * cache: one pass, in vectors, in the same call, so no extra step and no extra memory traffic.
 */
final class Activations {
    private Activations() {}

    /** Whether the kernels apply {@code act} themselves. */
    static boolean isClamp(int act) { return act == Planar.NONE || act == Planar.RELU || act == Planar.RELU6; }

    /** What the kernels apply in registers for {@code act}: itself when it is a clamp, otherwise none. */
    static int clampOf(int act) { return isClamp(act) ? act : Planar.NONE; }

    /** One value, any activation: the scalar reference of the vector code below. */
    static float apply(float v, int act) {
        return switch (act) {
            case Planar.NONE, Planar.RELU, Planar.RELU6 -> Planar.apply(v, act);
            case Planar.HSWISH -> v * (Math.min(Math.max(v + 3f, 0f), 6f) * (1f / 6f));
            case Planar.HSIGMOID -> Math.min(Math.max(v + 3f, 0f), 6f) * (1f / 6f);
            case Planar.SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
            case Planar.SILU -> (float) (v / (1.0 + Math.exp(-v)));
            default -> throw new IllegalArgumentException("no activation " + act);
        };
    }

    /** The part of {@code act} a kernel did not apply, over positions [p0, p1) of planes {@code out[from..to)}. */
    static void after(float[] a, int[] out, int from, int to, int p0, int p1, int act) {
        if (!isClamp(act)) planes(a, out, from, to, p0, p1, act);
    }

    /** {@code act} over positions [p0, p1) of planes {@code out[from..to)}, in place. */
    static void planes(float[] a, int[] out, int from, int to, int p0, int p1, int act) {
        if (act == Planar.NONE) return;
        if (Planar.SIMD && act != Planar.SIGMOID && act != Planar.SILU) {
            Simd.activatePlanes(a, out, from, to, p0, p1, act);
            return;
        }
        // Sigmoid and SiLU stay scalar: the Vector API's EXP is a library call the JIT may not inline.
        for (int c = from; c < to; c++) for (int p = out[c] + p0; p < out[c] + p1; p++) a[p] = apply(a[p], act);
    }
}

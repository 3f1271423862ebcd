package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3x3 windows over the Vector API: depthwise convolution, average and max pooling over split
 * planes (see {@link Split3x3}). Loaded only with jdk.incubator.vector (see {@link Planar#SIMD}).
 */
final class SimdWindows {
    private SimdWindows() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();

    /**
     * A 3x3 window with pad 1, stride 1 or 2, channel by channel: a depthwise convolution (weights,
     * bias, activation) or a scaled sum (average pooling with the padding counted). Each channel
     * is first split (see {@link Split3x3}) so that every tap is a plain vector load whatever the
     * width: CIFAR's planes are 4 to 32 wide, narrower than a 512-bit vector's row, and stride 2
     * would otherwise need gathers.
     */
    static void window3x3(float[] a, int[] in, int h, int w, int[] out, int stride, float[] weight, float[] bias, float scale,
                          int act, int from, int to, int rowFrom, int rowTo) {
        int pitch = Split3x3.pitch(w, stride);
        int oh = Split3x3.outSize(h, stride);
        int ow = Split3x3.outSize(w, stride);
        float[] p = splitBuffer(h, w, stride, 0f);
        float[] r = Simd.scratch(1, oh * pitch + L);
        int first = Split3x3.firstInputRow(h, stride, rowFrom);
        int end = Split3x3.endInputRow(h, stride, rowTo);
        for (int c = from; c < to; c++) {
            Split3x3.copy(a, in[c], h, w, stride, p, 0, first, end);
            windowPlane(p, r, h, w, stride, rowFrom * pitch, rowTo * pitch, weight, c * 9, bias == null ? 0f : bias[c], scale, act);
            rowsOut(r, rowFrom * pitch, pitch, a, out[c] + rowFrom * ow, rowTo - rowFrom, ow);
        }
    }

    /**
     * One channel of {@link #window3x3}, in a method of its own: called once per channel, the JIT
     * compiles it fully after a few inferences instead of running it as profiled, allocating
     * code until a loop is replaced on the stack.
     */
    private static void windowPlane(float[] p, float[] r, int h, int w, int stride, int q0, int q1, float[] weight, int wb, float b,
                                    float scale, int act) {
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        int t00 = Split3x3.tap(h, w, stride, 0, 0), t01 = Split3x3.tap(h, w, stride, 0, 1), t02 = Split3x3.tap(h, w, stride, 0, 2);
        int t10 = Split3x3.tap(h, w, stride, 1, 0), t11 = Split3x3.tap(h, w, stride, 1, 1), t12 = Split3x3.tap(h, w, stride, 1, 2);
        int t20 = Split3x3.tap(h, w, stride, 2, 0), t21 = Split3x3.tap(h, w, stride, 2, 1), t22 = Split3x3.tap(h, w, stride, 2, 2);
        FloatVector k00, k01, k02, k10, k11, k12, k20, k21, k22;
        if (weight == null) {
            k00 = k01 = k02 = k10 = k11 = k12 = k20 = k21 = k22 = FloatVector.broadcast(S, 1f);
        } else {
            k00 = FloatVector.broadcast(S, weight[wb]); k01 = FloatVector.broadcast(S, weight[wb + 1]); k02 = FloatVector.broadcast(S, weight[wb + 2]);
            k10 = FloatVector.broadcast(S, weight[wb + 3]); k11 = FloatVector.broadcast(S, weight[wb + 4]); k12 = FloatVector.broadcast(S, weight[wb + 5]);
            k20 = FloatVector.broadcast(S, weight[wb + 6]); k21 = FloatVector.broadcast(S, weight[wb + 7]); k22 = FloatVector.broadcast(S, weight[wb + 8]);
        }
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector sv = FloatVector.broadcast(S, scale);
        for (int q = q0; q < q1; q += L) {
            FloatVector acc = FloatVector.fromArray(S, p, t00 + q).fma(k00, bv);
            acc = FloatVector.fromArray(S, p, t01 + q).fma(k01, acc);
            acc = FloatVector.fromArray(S, p, t02 + q).fma(k02, acc);
            acc = FloatVector.fromArray(S, p, t10 + q).fma(k10, acc);
            acc = FloatVector.fromArray(S, p, t11 + q).fma(k11, acc);
            acc = FloatVector.fromArray(S, p, t12 + q).fma(k12, acc);
            acc = FloatVector.fromArray(S, p, t20 + q).fma(k20, acc);
            acc = FloatVector.fromArray(S, p, t21 + q).fma(k21, acc);
            acc = FloatVector.fromArray(S, p, t22 + q).fma(k22, acc);
            acc = acc.mul(sv);
            acc = acc.blend(lo, acc.lt(lo));  // the activation, written out here: see Simd's notes on clamping
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(r, q);
        }
    }

    /**
     * This thread's buffer for one split channel, every place set to the padding value: copies
     * then write only the interior. Reads along q run a vector and two floats past the channel.
     */
    private static float[] splitBuffer(int h, int w, int stride, float pad) {
        int n = Split3x3.floats(h, w, stride) + L + 2;
        float[] p = Simd.scratch(0, n);
        java.util.Arrays.fill(p, 0, n, pad);
        return p;
    }

    /** Max pooling 3x3, pad 1, stride 1 or 2, over split planes padded with minus infinity (the stem's pool). */
    static void maxPool3x3(float[] a, int[] in, int h, int w, int[] out, int stride, int from, int to, int rowFrom, int rowTo) {
        int pitch = Split3x3.pitch(w, stride);
        int oh = Split3x3.outSize(h, stride);
        int ow = Split3x3.outSize(w, stride);
        float[] p = splitBuffer(h, w, stride, Float.NEGATIVE_INFINITY);
        float[] r = Simd.scratch(1, oh * pitch + L);
        int first = Split3x3.firstInputRow(h, stride, rowFrom);
        int end = Split3x3.endInputRow(h, stride, rowTo);
        for (int c = from; c < to; c++) {
            Split3x3.copy(a, in[c], h, w, stride, p, 0, first, end);
            maxPlane(p, r, h, w, stride, rowFrom * pitch, rowTo * pitch);
            rowsOut(r, rowFrom * pitch, pitch, a, out[c] + rowFrom * ow, rowTo - rowFrom, ow);
        }
    }

    /** One channel of {@link #maxPool3x3} (a method of its own for the JIT, as {@link #windowPlane}). */
    private static void maxPlane(float[] p, float[] r, int h, int w, int stride, int q0, int q1) {
        int t00 = Split3x3.tap(h, w, stride, 0, 0), t01 = Split3x3.tap(h, w, stride, 0, 1), t02 = Split3x3.tap(h, w, stride, 0, 2);
        int t10 = Split3x3.tap(h, w, stride, 1, 0), t11 = Split3x3.tap(h, w, stride, 1, 1), t12 = Split3x3.tap(h, w, stride, 1, 2);
        int t20 = Split3x3.tap(h, w, stride, 2, 0), t21 = Split3x3.tap(h, w, stride, 2, 1), t22 = Split3x3.tap(h, w, stride, 2, 2);
        // Max as a compare and a blend, written out (see Simd's notes on clamping): FloatVector.max keeps
        // Java's NaN and signed-zero rules at several instructions per lane, which pooling has no use for.
        for (int q = q0; q < q1; q += L) {
            FloatVector m = FloatVector.fromArray(S, p, t00 + q);
            FloatVector x = FloatVector.fromArray(S, p, t01 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t02 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t10 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t11 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t12 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t20 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t21 + q);
            m = m.blend(x, m.lt(x));
            x = FloatVector.fromArray(S, p, t22 + q);
            m.blend(x, m.lt(x)).intoArray(r, q);
        }
    }

    /** Rows of {@code ow} outputs from a buffer laid out {@code pitch} apart (from {@code r[from]}) into a plane. */
    private static void rowsOut(float[] r, int from, int pitch, float[] a, int o, int oh, int ow) {
        Simd.copyRows(r, from, pitch, a, o, ow, oh, ow);
    }
}

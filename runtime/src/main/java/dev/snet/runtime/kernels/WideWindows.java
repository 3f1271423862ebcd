package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3x3 windows with stride 2 and padding 1 on rows wider than two vectors (56 and 112: ShuffleNet
 * v1's first stride-2 depthwise convolution and shortcut pool, every network's stem pool), read
 * straight from the planes. Sixteen outputs of a row take two input vectors per input row: their
 * even lanes are the window's middle column, the odd lanes its right column, and the odd lanes
 * moved up a lane (the float before them in lane 0) its left column. Split planes (see
 * {@link Split3x3}) did the same with a copy of every channel and a pass to put the rows back,
 * which took 0.8 of the time.
 */
final class WideWindows {
    private WideWindows() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();
    private static final VectorShuffle<Float> EVEN = Simd.EVEN;
    private static final VectorShuffle<Float> ODD = Simd.ODD;
    /** Lane i takes lane i - 1; lane 0 is replaced after (see {@link #FIRST}). */
    private static final VectorShuffle<Float> UP = VectorShuffle.fromOp(S, i -> Math.max(i - 1, 0));
    private static final VectorMask<Float> FIRST = VectorMask.fromLong(S, 1L);

    /** Rows this class takes: even (so that a row's last window ends inside it) and wider than two vectors. */
    static boolean fits(int w, int stride) {
        return stride == 2 && w % 2 == 0 && w > 2 * L;
    }

    /** Channels [from, to), output rows [rowFrom, rowTo); weights null for a plain sum times {@code scale}. */
    static void window3x3(float[] a, int[] in, int h, int w, int[] out, float[] weight, float[] bias, float scale, int act,
                          int from, int to, int rowFrom, int rowTo) {
        for (int c = from; c < to; c++) {
            windowPlane(a, in[c], h, w, out[c], weight, c * 9, bias == null ? 0f : bias[c], scale, act, rowFrom, rowTo);
        }
    }

    /**
     * One channel (a method of its own, so that the JIT compiles it whole after a few calls). Down
     * a column of L outputs, the window's bottom row is the next output row's top row: its three
     * column vectors roll over, and each output row splits two input rows, not three.
     */
    private static void windowPlane(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        int ow = w / 2;
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale), zero = FloatVector.zero(S);
        FloatVector k00 = tap(weight, wb), k01 = tap(weight, wb + 1), k02 = tap(weight, wb + 2);
        FloatVector k10 = tap(weight, wb + 3), k11 = tap(weight, wb + 4), k12 = tap(weight, wb + 5);
        FloatVector k20 = tap(weight, wb + 6), k21 = tap(weight, wb + 7), k22 = tap(weight, wb + 8);
        for (int x = 0; x < ow; x += L) {
            int x0 = Math.min(x, ow - L);  // the last column moves back to end at the row's end
            // Padding rows (row -1; row h when h is odd) are zeros: they add nothing.
            FloatVector left = zero, middle = zero, right = zero;
            int s = i + (2 * rowFrom - 1) * w + 2 * x0;
            if (rowFrom > 0) {
                FloatVector v0 = FloatVector.fromArray(S, a, s), v1 = FloatVector.fromArray(S, a, s + L);
                right = v0.rearrange(ODD, v1);
                middle = v0.rearrange(EVEN, v1);
                left = right.rearrange(UP).blend(x0 == 0 ? 0f : a[s - 1], FIRST);
            }
            for (int y = rowFrom; y < rowTo; y++) {
                FloatVector acc = left.fma(k00, bv);
                acc = middle.fma(k01, acc);
                acc = right.fma(k02, acc);
                s += w;
                FloatVector v0 = FloatVector.fromArray(S, a, s), v1 = FloatVector.fromArray(S, a, s + L);
                FloatVector odd = v0.rearrange(ODD, v1);
                acc = odd.rearrange(UP).blend(x0 == 0 ? 0f : a[s - 1], FIRST).fma(k10, acc);
                acc = v0.rearrange(EVEN, v1).fma(k11, acc);
                acc = odd.fma(k12, acc);
                s += w;
                left = zero;
                middle = zero;
                right = zero;
                if (2 * y + 1 < h) {
                    v0 = FloatVector.fromArray(S, a, s);
                    v1 = FloatVector.fromArray(S, a, s + L);
                    right = v0.rearrange(ODD, v1);
                    middle = v0.rearrange(EVEN, v1);
                    left = right.rearrange(UP).blend(x0 == 0 ? 0f : a[s - 1], FIRST);
                }
                acc = left.fma(k20, acc);
                acc = middle.fma(k21, acc);
                acc = right.fma(k22, acc);
                acc = acc.mul(sv);
                acc = acc.blend(lo, acc.lt(lo));  // the activation, written out (see Simd's notes on clamping)
                acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * ow + x0);
            }
        }
    }

    private static FloatVector tap(float[] weight, int t) { return FloatVector.broadcast(S, weight == null ? 1f : weight[t]); }

    /** Max pooling over the same windows, rolling rows the same way; padding (minus infinity) never wins. */
    static void maxPool3x3(float[] a, int[] in, int h, int w, int[] out, int from, int to, int rowFrom, int rowTo) {
        for (int c = from; c < to; c++) maxPlane(a, in[c], h, w, out[c], rowFrom, rowTo);
    }

    private static void maxPlane(float[] a, int i, int h, int w, int o, int rowFrom, int rowTo) {
        int ow = w / 2;
        float pad = Float.NEGATIVE_INFINITY;
        FloatVector none = FloatVector.broadcast(S, pad);
        for (int x = 0; x < ow; x += L) {
            int x0 = Math.min(x, ow - L);
            // The max of the window's bottom row, which the next output row's window starts from.
            FloatVector carried = none;
            int s = i + (2 * rowFrom - 1) * w + 2 * x0;
            if (rowFrom > 0) carried = rowMax(a, s, x0 == 0, none);
            for (int y = rowFrom; y < rowTo; y++) {
                s += w;
                FloatVector m = rowMax(a, s, x0 == 0, carried);
                s += w;
                carried = 2 * y + 1 < h ? rowMax(a, s, x0 == 0, none) : none;
                m.blend(carried, m.lt(carried)).intoArray(a, o + y * ow + x0);
            }
        }
    }

    /**
     * The max of m and the three columns of one input row for L outputs. Max as a compare and a
     * blend (see SimdWindows.maxPlane for why not FloatVector.max). Small enough for C2 to inline
     * (JitHealthTest would see the boxing if it did not).
     */
    private static FloatVector rowMax(float[] a, int s, boolean first, FloatVector m) {
        FloatVector v0 = FloatVector.fromArray(S, a, s), v1 = FloatVector.fromArray(S, a, s + L);
        FloatVector odd = v0.rearrange(ODD, v1);
        FloatVector left = odd.rearrange(UP).blend(first ? Float.NEGATIVE_INFINITY : a[s - 1], FIRST);
        FloatVector middle = v0.rearrange(EVEN, v1);
        m = m.blend(left, m.lt(left));
        m = m.blend(middle, m.lt(middle));
        return m.blend(odd, m.lt(odd));
    }
}

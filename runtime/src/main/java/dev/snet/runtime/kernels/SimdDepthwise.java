package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolutions of any kernel size (ShuffleNetV2+'s and SPOS's 5x5 and 7x7), stride 1
 * or 2, in vectors. Each channel's plane is first copied into zero-padded scratch, so that every
 * tap of every output vector is one unaligned load with no bounds to check; at stride 2 the
 * copy also puts the even and odd columns apart, so that a tap's inputs are consecutive floats.
 * Four output rows are computed together, each tap's weight broadcast once for the four (four
 * independent chains of multiply-adds hide their latency). Output rows are built in scratch a
 * whole number of vectors wide and copied out, so a plane narrower than a vector, or a row's
 * last partial vector, needs neither masks nor a scalar tail.
 */
final class SimdDepthwise {
    private SimdDepthwise() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();

    /** The shapes this kernel takes: padding at most half the kernel, as PyTorch's "same" padding. */
    static boolean fits(int k, int stride, int pad) {
        return (stride == 1 || stride == 2) && pad <= k / 2;
    }

    static void conv(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                     int k, int stride, int pad, int act, int from, int to, int rowFrom, int rowTo) {
        int vectors = (ow + L - 1) / L;
        // Scratch columns: the output's vectors plus the reach of the widest tap (at stride 2, in
        // each of the even and odd planes, which split the padded row between them).
        int pitch = vectors * L + (stride == 1 ? k : k / 2 + 1);
        int rows = (rowTo - 1) * stride + k - rowFrom * stride;
        int planes = stride == 1 ? 1 : 2;
        float[] s = Simd.scratch(0, planes * rows * pitch + 4 * vectors * L);
        int results = planes * rows * pitch;
        float lo = Simd.lower(act), hi = Simd.upper(act);
        for (int c = from; c < to; c++) {
            pad(a, in[c], h, w, s, pitch, rows, rowFrom * stride - pad, pad, stride);
            float b = bias == null ? 0f : bias[c];
            int wb = c * k * k;
            int y = rowFrom;
            for (; y + 4 <= rowTo; y += 4) {
                for (int v = 0; v < vectors; v++) rows4(s, pitch, rows, (y - rowFrom) * stride, v * L, weight, wb, k, stride, b, lo, hi, results, vectors * L);
                for (int j = 0; j < 4; j++) System.arraycopy(s, results + j * vectors * L, a, out[c] + (y + j) * ow, ow);
            }
            for (; y < rowTo; y++) {
                for (int v = 0; v < vectors; v++) row1(s, pitch, rows, (y - rowFrom) * stride, v * L, weight, wb, k, stride, b, lo, hi, results + v * L);
                System.arraycopy(s, results, a, out[c] + y * ow, ow);
            }
        }
    }

    /**
     * Input rows [top, top + rows) of a plane (negative or past h: padding), columns from -pad,
     * into zeroed scratch rows of {@code pitch}; at stride 2, column 2j to the even plane's j and
     * 2j + 1 to the odd plane's j, the odd plane after the even one.
     */
    private static void pad(float[] a, int i, int h, int w, float[] s, int pitch, int rows, int top, int pad, int stride) {
        int n = (stride == 1 ? 1 : 2) * rows * pitch;
        java.util.Arrays.fill(s, 0, n, 0f);
        for (int r = 0; r < rows; r++) {
            int iy = top + r;
            if (iy < 0 || iy >= h) continue;
            int src = i + iy * w;
            if (stride == 1) {
                System.arraycopy(a, src, s, r * pitch + pad, w);
            } else {
                // Padded column x + pad: even ones to the even plane, odd ones to the odd plane. The row's
                // even columns go to one plane from index pad / 2, its odd ones to the other from (pad + 1) / 2.
                int even = r * pitch, odd = rows * pitch + r * pitch;
                int toEvens = ((pad & 1) == 0 ? even : odd) + (pad >> 1);
                int toOdds = ((pad & 1) == 0 ? odd : even) + ((pad + 1) >> 1);
                int x = 0;
                if (w >= 2 * L) {
                    // Pairs of vectors; the last pair overlaps the one before, from an even column.
                    for (int end = (w - 2 * L) & ~1; ; x = Math.min(x + 2 * L, end)) {
                        FloatVector v0 = FloatVector.fromArray(S, a, src + x), v1 = FloatVector.fromArray(S, a, src + x + L);
                        v0.rearrange(Simd.EVEN, v1).intoArray(s, toEvens + x / 2);
                        v0.rearrange(Simd.ODD, v1).intoArray(s, toOdds + x / 2);
                        if (x == end) break;
                    }
                    x += 2 * L;
                } else if (w >= L && src + 2 * L <= a.length) {
                    // One pair, reading past the row's end; what it put past the row's columns is zeroed again.
                    FloatVector v0 = FloatVector.fromArray(S, a, src), v1 = FloatVector.fromArray(S, a, src + L);
                    v0.rearrange(Simd.EVEN, v1).intoArray(s, toEvens);
                    v0.rearrange(Simd.ODD, v1).intoArray(s, toOdds);
                    java.util.Arrays.fill(s, toEvens + (w + 1) / 2, toEvens + L, 0f);
                    java.util.Arrays.fill(s, toOdds + w / 2, toOdds + L, 0f);
                    x = w;
                }
                for (; x < w; x++) s[((x & 1) == 0 ? toEvens : toOdds) + (x >> 1)] = a[src + x];
            }
        }
    }

    /** Output rows r0..r0 + 3 (as scratch rows: r0 is the first one's top input row) at columns [x, x + L), to the result rows. */
    private static void rows4(float[] s, int pitch, int rows, int r0, int x, float[] weight, int wb, int k, int stride, float b,
                              float lo, float hi, int results, int resultPitch) {
        FloatVector acc0 = FloatVector.broadcast(S, b), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int step = stride * pitch;
        for (int ky = 0; ky < k; ky++) {
            int row = (r0 + ky) * pitch;
            for (int kx = 0; kx < k; kx++) {
                FloatVector wv = FloatVector.broadcast(S, weight[wb + ky * k + kx]);
                int at = stride == 1 ? row + x + kx : ((kx & 1) == 0 ? 0 : rows * pitch) + row + x + (kx >> 1);
                acc0 = FloatVector.fromArray(S, s, at).fma(wv, acc0);
                acc1 = FloatVector.fromArray(S, s, at + step).fma(wv, acc1);
                acc2 = FloatVector.fromArray(S, s, at + 2 * step).fma(wv, acc2);
                acc3 = FloatVector.fromArray(S, s, at + 3 * step).fma(wv, acc3);
            }
        }
        // The activation's clamp, written out (see Simd's notes on clamping).
        FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        acc0 = acc0.blend(lov, acc0.lt(lov));
        acc0.blend(hiv, acc0.compare(VectorOperators.GT, hiv)).intoArray(s, results + x);
        acc1 = acc1.blend(lov, acc1.lt(lov));
        acc1.blend(hiv, acc1.compare(VectorOperators.GT, hiv)).intoArray(s, results + resultPitch + x);
        acc2 = acc2.blend(lov, acc2.lt(lov));
        acc2.blend(hiv, acc2.compare(VectorOperators.GT, hiv)).intoArray(s, results + 2 * resultPitch + x);
        acc3 = acc3.blend(lov, acc3.lt(lov));
        acc3.blend(hiv, acc3.compare(VectorOperators.GT, hiv)).intoArray(s, results + 3 * resultPitch + x);
    }

    /** One output row (scratch row r0 its top input row) at columns [x, x + L), to {@code result}. */
    private static void row1(float[] s, int pitch, int rows, int r0, int x, float[] weight, int wb, int k, int stride, float b,
                             float lo, float hi, int result) {
        FloatVector acc = FloatVector.broadcast(S, b);
        for (int ky = 0; ky < k; ky++) {
            int row = (r0 + ky) * pitch;
            for (int kx = 0; kx < k; kx++) {
                int at = stride == 1 ? row + x + kx : ((kx & 1) == 0 ? 0 : rows * pitch) + row + x + (kx >> 1);
                acc = FloatVector.fromArray(S, s, at).fma(FloatVector.broadcast(S, weight[wb + ky * k + kx]), acc);
            }
        }
        FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        acc = acc.blend(lov, acc.lt(lov));
        acc.blend(hiv, acc.compare(VectorOperators.GT, hiv)).intoArray(s, result);
    }
}

package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for the hot ops. Loaded only when the JVM has jdk.incubator.vector
 * (see {@link Planar#SIMD}); each has a scalar twin in {@link Planar} that gives the same results
 * up to float rounding.
 */
final class Simd {
    private Simd() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * 1x1 convolution for output channels [from, to) at positions [p0, p1): register-blocked,
     * eight output channels by two vectors of positions per step.
     */
    static void pointwise(float[] a, int[] in, int[] out, float[] w, float[] bias, int inC, int outC, int groups,
                          int act, int from, int to, int p0, int p1) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        int oc = from;
        while (oc < to) {
            int g = oc / outPer;
            int end = Math.min(to, (g + 1) * outPer);
            int firstIn = g * inPer;
            if (p1 - p0 >= 2 * L) {
                byPositions(a, in, out, w, bias, firstIn, inPer, oc, end, p0, p1, act);
                oc = end;
                continue;
            }
            for (; oc + 8 <= end; oc += 8) {
                eight(a, a, in, firstIn, inPer, out, oc, p0, p1, w, bias);
                clampPlanes(a, out, oc, oc + 8, p0, p1, act);
            }
            for (; oc + 4 <= end; oc += 4) {
                four(a, a, in, firstIn, inPer, out, oc, p1, w, bias, p0);
                clampPlanes(a, out, oc, oc + 4, p0, p1, act);
            }
            for (; oc < end; oc++) {
                one(a, a, in, firstIn, inPer, out[oc], oc, p0, p1, w, bias);
                clampPlanes(a, out, oc, oc + 1, p0, p1, act);
            }
        }
    }

    /**
     * Output channels [from, to) of one group, tile of positions by tile: every block of eight
     * channels runs over the same 2L positions of the input planes before the next tile, so those
     * (inPer x 2L floats) are read from L2 once and from L1 after. Channel-block by block, each
     * block would read every input plane again, one L1 miss per load. The last tile moves back to
     * end at p1, overlapping the one before.
     */
    private static void byPositions(float[] a, int[] in, int[] out, float[] w, float[] bias, int firstIn, int inPer, int from, int to,
                                    int p0, int p1, int act) {
        for (int p = p0; p < p1; p += 2 * L) {
            int q = Math.min(p, p1 - 2 * L);
            int oc = from;
            for (; oc + 8 <= to; oc += 8) tile8x2(a, a, in, firstIn, inPer, out, oc, q, w, bias);
            for (; oc + 4 <= to; oc += 4) four(a, a, in, firstIn, inPer, out, oc, q + 2 * L, w, bias, q);
            for (; oc < to; oc++) one(a, a, in, firstIn, inPer, out[oc], oc, q, q + 2 * L, w, bias);
            clampPlanes(a, out, from, to, q, q + 2 * L, act);
        }
    }

    /**
     * Eight output channels at positions [start, hw) of their planes: tiles of eight channels by
     * two vectors (16 accumulators; each input load feeds eight multiply-adds), the last tile
     * moved back to end at hw, overlapping the one before (outputs never alias inputs, so a
     * position computed twice is written twice with the same value). Narrower ranges take one
     * vector, or one masked vector. Each tile shape is a small method of its own: one large
     * method with every case made the JIT's first tier give up, and the code then stayed slow.
     */
    private static void eight(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int start, int hw, float[] w,
                              float[] bias) {
        int n = hw - start;
        if (n >= 2 * L) {
            int p = start;
            for (; p + 2 * L <= hw; p += 2 * L) tile8x2(x, a, in, firstIn, inPer, out, oc, p, w, bias);
            if (p < hw) tile8x2(x, a, in, firstIn, inPer, out, oc, hw - 2 * L, w, bias);
        } else if (n >= L) {
            tile8x1(x, a, in, firstIn, inPer, out, oc, start, w, bias);
            if (n > L) tile8x1(x, a, in, firstIn, inPer, out, oc, hw - L, w, bias);
        } else if (n > 0) {
            tile8masked(x, a, in, firstIn, inPer, out, oc, start, w, bias, S.indexInRange(0, n));
        }
    }

    /** Eight channels by two vectors of positions from p. */
    private static void tile8x2(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias) {
        int o0 = out[oc + 0] + p;
        int o1 = out[oc + 1] + p;
        int o2 = out[oc + 2] + p;
        int o3 = out[oc + 3] + p;
        int o4 = out[oc + 4] + p;
        int o5 = out[oc + 5] + p;
        int o6 = out[oc + 6] + p;
        int o7 = out[oc + 7] + p;
        int w0 = (oc + 0) * inPer;
        int w1 = (oc + 1) * inPer;
        int w2 = (oc + 2) * inPer;
        int w3 = (oc + 3) * inPer;
        int w4 = (oc + 4) * inPer;
        int w5 = (oc + 5) * inPer;
        int w6 = (oc + 6) * inPer;
        int w7 = (oc + 7) * inPer;
        FloatVector c00 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 0]), c01 = c00;
        FloatVector c10 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 1]), c11 = c10;
        FloatVector c20 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 2]), c21 = c20;
        FloatVector c30 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 3]), c31 = c30;
        FloatVector c40 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 4]), c41 = c40;
        FloatVector c50 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 5]), c51 = c50;
        FloatVector c60 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 6]), c61 = c60;
        FloatVector c70 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 7]), c71 = c70;
        for (int ic = 0; ic < inPer; ic++) {
            int base = in[firstIn + ic] + p;
            FloatVector x0 = FloatVector.fromArray(S, x, base);
            FloatVector x1 = FloatVector.fromArray(S, x, base + L);
            FloatVector v0 = FloatVector.broadcast(S, w[w0 + ic]);
            c00 = x0.fma(v0, c00);
            c01 = x1.fma(v0, c01);
            FloatVector v1 = FloatVector.broadcast(S, w[w1 + ic]);
            c10 = x0.fma(v1, c10);
            c11 = x1.fma(v1, c11);
            FloatVector v2 = FloatVector.broadcast(S, w[w2 + ic]);
            c20 = x0.fma(v2, c20);
            c21 = x1.fma(v2, c21);
            FloatVector v3 = FloatVector.broadcast(S, w[w3 + ic]);
            c30 = x0.fma(v3, c30);
            c31 = x1.fma(v3, c31);
            FloatVector v4 = FloatVector.broadcast(S, w[w4 + ic]);
            c40 = x0.fma(v4, c40);
            c41 = x1.fma(v4, c41);
            FloatVector v5 = FloatVector.broadcast(S, w[w5 + ic]);
            c50 = x0.fma(v5, c50);
            c51 = x1.fma(v5, c51);
            FloatVector v6 = FloatVector.broadcast(S, w[w6 + ic]);
            c60 = x0.fma(v6, c60);
            c61 = x1.fma(v6, c61);
            FloatVector v7 = FloatVector.broadcast(S, w[w7 + ic]);
            c70 = x0.fma(v7, c70);
            c71 = x1.fma(v7, c71);
        }
        c00.intoArray(a, o0);
        c01.intoArray(a, o0 + L);
        c10.intoArray(a, o1);
        c11.intoArray(a, o1 + L);
        c20.intoArray(a, o2);
        c21.intoArray(a, o2 + L);
        c30.intoArray(a, o3);
        c31.intoArray(a, o3 + L);
        c40.intoArray(a, o4);
        c41.intoArray(a, o4 + L);
        c50.intoArray(a, o5);
        c51.intoArray(a, o5 + L);
        c60.intoArray(a, o6);
        c61.intoArray(a, o6 + L);
        c70.intoArray(a, o7);
        c71.intoArray(a, o7 + L);
    }

    /** Eight channels by one vector of positions from p. */
    private static void tile8x1(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias) {
        int o0 = out[oc + 0] + p;
        int o1 = out[oc + 1] + p;
        int o2 = out[oc + 2] + p;
        int o3 = out[oc + 3] + p;
        int o4 = out[oc + 4] + p;
        int o5 = out[oc + 5] + p;
        int o6 = out[oc + 6] + p;
        int o7 = out[oc + 7] + p;
        int w0 = (oc + 0) * inPer;
        int w1 = (oc + 1) * inPer;
        int w2 = (oc + 2) * inPer;
        int w3 = (oc + 3) * inPer;
        int w4 = (oc + 4) * inPer;
        int w5 = (oc + 5) * inPer;
        int w6 = (oc + 6) * inPer;
        int w7 = (oc + 7) * inPer;
        FloatVector c00 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 0]);
        FloatVector c10 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 1]);
        FloatVector c20 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 2]);
        FloatVector c30 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 3]);
        FloatVector c40 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 4]);
        FloatVector c50 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 5]);
        FloatVector c60 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 6]);
        FloatVector c70 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 7]);
        for (int ic = 0; ic < inPer; ic++) {
            int base = in[firstIn + ic] + p;
            FloatVector x0 = FloatVector.fromArray(S, x, base);
            FloatVector v0 = FloatVector.broadcast(S, w[w0 + ic]);
            c00 = x0.fma(v0, c00);
            FloatVector v1 = FloatVector.broadcast(S, w[w1 + ic]);
            c10 = x0.fma(v1, c10);
            FloatVector v2 = FloatVector.broadcast(S, w[w2 + ic]);
            c20 = x0.fma(v2, c20);
            FloatVector v3 = FloatVector.broadcast(S, w[w3 + ic]);
            c30 = x0.fma(v3, c30);
            FloatVector v4 = FloatVector.broadcast(S, w[w4 + ic]);
            c40 = x0.fma(v4, c40);
            FloatVector v5 = FloatVector.broadcast(S, w[w5 + ic]);
            c50 = x0.fma(v5, c50);
            FloatVector v6 = FloatVector.broadcast(S, w[w6 + ic]);
            c60 = x0.fma(v6, c60);
            FloatVector v7 = FloatVector.broadcast(S, w[w7 + ic]);
            c70 = x0.fma(v7, c70);
        }
        c00.intoArray(a, o0);
        c10.intoArray(a, o1);
        c20.intoArray(a, o2);
        c30.intoArray(a, o3);
        c40.intoArray(a, o4);
        c50.intoArray(a, o5);
        c60.intoArray(a, o6);
        c70.intoArray(a, o7);
    }

    /** Eight channels by the positions of {@code m} from p (planes narrower than a vector). */
    private static void tile8masked(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias, VectorMask<Float> m) {
        int o0 = out[oc + 0] + p;
        int o1 = out[oc + 1] + p;
        int o2 = out[oc + 2] + p;
        int o3 = out[oc + 3] + p;
        int o4 = out[oc + 4] + p;
        int o5 = out[oc + 5] + p;
        int o6 = out[oc + 6] + p;
        int o7 = out[oc + 7] + p;
        int w0 = (oc + 0) * inPer;
        int w1 = (oc + 1) * inPer;
        int w2 = (oc + 2) * inPer;
        int w3 = (oc + 3) * inPer;
        int w4 = (oc + 4) * inPer;
        int w5 = (oc + 5) * inPer;
        int w6 = (oc + 6) * inPer;
        int w7 = (oc + 7) * inPer;
        FloatVector c00 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 0]);
        FloatVector c10 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 1]);
        FloatVector c20 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 2]);
        FloatVector c30 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 3]);
        FloatVector c40 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 4]);
        FloatVector c50 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 5]);
        FloatVector c60 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 6]);
        FloatVector c70 = FloatVector.broadcast(S, bias == null ? 0f : bias[oc + 7]);
        for (int ic = 0; ic < inPer; ic++) {
            int base = in[firstIn + ic] + p;
            FloatVector x0 = FloatVector.fromArray(S, x, base, m);
            FloatVector v0 = FloatVector.broadcast(S, w[w0 + ic]);
            c00 = x0.fma(v0, c00);
            FloatVector v1 = FloatVector.broadcast(S, w[w1 + ic]);
            c10 = x0.fma(v1, c10);
            FloatVector v2 = FloatVector.broadcast(S, w[w2 + ic]);
            c20 = x0.fma(v2, c20);
            FloatVector v3 = FloatVector.broadcast(S, w[w3 + ic]);
            c30 = x0.fma(v3, c30);
            FloatVector v4 = FloatVector.broadcast(S, w[w4 + ic]);
            c40 = x0.fma(v4, c40);
            FloatVector v5 = FloatVector.broadcast(S, w[w5 + ic]);
            c50 = x0.fma(v5, c50);
            FloatVector v6 = FloatVector.broadcast(S, w[w6 + ic]);
            c60 = x0.fma(v6, c60);
            FloatVector v7 = FloatVector.broadcast(S, w[w7 + ic]);
            c70 = x0.fma(v7, c70);
        }
        c00.intoArray(a, o0, m);
        c10.intoArray(a, o1, m);
        c20.intoArray(a, o2, m);
        c30.intoArray(a, o3, m);
        c40.intoArray(a, o4, m);
        c50.intoArray(a, o5, m);
        c60.intoArray(a, o6, m);
        c70.intoArray(a, o7, m);
    }

    /** Reads inputs from {@code x}, writes outputs to {@code a} (the same array, except for the stem's row panels). */
    private static void four(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int hw, float[] w, float[] bias, int start) {
        int o0 = out[oc], o1 = out[oc + 1], o2 = out[oc + 2], o3 = out[oc + 3];
        int w0 = oc * inPer, w1 = w0 + inPer, w2 = w1 + inPer, w3 = w2 + inPer;
        float b0 = bias == null ? 0f : bias[oc], b1 = bias == null ? 0f : bias[oc + 1];
        float b2 = bias == null ? 0f : bias[oc + 2], b3 = bias == null ? 0f : bias[oc + 3];
        int p = start;
        for (; p + 2 * L <= hw; p += 2 * L) {
            FloatVector c00 = FloatVector.broadcast(S, b0), c01 = c00;
            FloatVector c10 = FloatVector.broadcast(S, b1), c11 = c10;
            FloatVector c20 = FloatVector.broadcast(S, b2), c21 = c20;
            FloatVector c30 = FloatVector.broadcast(S, b3), c31 = c30;
            for (int ic = 0; ic < inPer; ic++) {
                int base = in[firstIn + ic] + p;
                FloatVector x0 = FloatVector.fromArray(S, x, base);
                FloatVector x1 = FloatVector.fromArray(S, x, base + L);
                FloatVector v = FloatVector.broadcast(S, w[w0 + ic]);
                c00 = x0.fma(v, c00);
                c01 = x1.fma(v, c01);
                v = FloatVector.broadcast(S, w[w1 + ic]);
                c10 = x0.fma(v, c10);
                c11 = x1.fma(v, c11);
                v = FloatVector.broadcast(S, w[w2 + ic]);
                c20 = x0.fma(v, c20);
                c21 = x1.fma(v, c21);
                v = FloatVector.broadcast(S, w[w3 + ic]);
                c30 = x0.fma(v, c30);
                c31 = x1.fma(v, c31);
            }
            c00.intoArray(a, o0 + p);
            c01.intoArray(a, o0 + p + L);
            c10.intoArray(a, o1 + p);
            c11.intoArray(a, o1 + p + L);
            c20.intoArray(a, o2 + p);
            c21.intoArray(a, o2 + p + L);
            c30.intoArray(a, o3 + p);
            c31.intoArray(a, o3 + p + L);
        }
        for (; p + L <= hw; p += L) {
            FloatVector c0 = FloatVector.broadcast(S, b0), c1 = FloatVector.broadcast(S, b1);
            FloatVector c2 = FloatVector.broadcast(S, b2), c3 = FloatVector.broadcast(S, b3);
            for (int ic = 0; ic < inPer; ic++) {
                FloatVector v = FloatVector.fromArray(S, x, in[firstIn + ic] + p);
                c0 = v.fma(FloatVector.broadcast(S, w[w0 + ic]), c0);
                c1 = v.fma(FloatVector.broadcast(S, w[w1 + ic]), c1);
                c2 = v.fma(FloatVector.broadcast(S, w[w2 + ic]), c2);
                c3 = v.fma(FloatVector.broadcast(S, w[w3 + ic]), c3);
            }
            c0.intoArray(a, o0 + p);
            c1.intoArray(a, o1 + p);
            c2.intoArray(a, o2 + p);
            c3.intoArray(a, o3 + p);
        }
        for (; p < hw; p++) {
            float s0 = b0, s1 = b1, s2 = b2, s3 = b3;
            for (int ic = 0; ic < inPer; ic++) {
                float xv = x[in[firstIn + ic] + p];
                s0 += w[w0 + ic] * xv;
                s1 += w[w1 + ic] * xv;
                s2 += w[w2 + ic] * xv;
                s3 += w[w3 + ic] * xv;
            }
            a[o0 + p] = s0;
            a[o1 + p] = s1;
            a[o2 + p] = s2;
            a[o3 + p] = s3;
        }
    }

    private static void one(float[] x, float[] a, int[] in, int firstIn, int inPer, int o, int oc, int start, int hw, float[] w, float[] bias) {
        int w0 = oc * inPer;
        float b = bias == null ? 0f : bias[oc];
        int p = start;
        for (; p + L <= hw; p += L) {
            FloatVector c = FloatVector.broadcast(S, b);
            for (int ic = 0; ic < inPer; ic++) c = FloatVector.fromArray(S, x, in[firstIn + ic] + p).fma(FloatVector.broadcast(S, w[w0 + ic]), c);
            c.intoArray(a, o + p);
        }
        for (; p < hw; p++) {
            float s = b;
            for (int ic = 0; ic < inPer; ic++) s += w[w0 + ic] * x[in[firstIn + ic] + p];
            a[o + p] = s;
        }
    }

    /** Per-thread scratch for padded planes; grows to the largest plane seen, then never allocates again. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private static final ThreadLocal<float[][]> PANELS = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final ThreadLocal<int[][]> PANEL_PLANES = ThreadLocal.withInitial(() -> new int[2][0]);

    /**
     * A dense convolution (groups 1, any kernel and stride, such as the stem) one output row at a
     * time: the k·k·inC input taps of the row are gathered into a panel of rows ow long (zeros where
     * they fall in the padding), and the row is then a small matrix product run by the 1x1 kernel.
     */
    static void denseByRows(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                            int inC, int outC, int k, int stride, int pad, int act, int from, int to, int rowFrom, int rowTo) {
        int taps = inC * k * k;
        float[][] holder = PANELS.get();
        if (holder[0].length < taps * ow + L) holder[0] = new float[taps * ow + L];
        float[] panel = holder[0];
        int[][] planes = PANEL_PLANES.get();
        if (planes[0].length < taps) planes[0] = new int[taps];
        if (planes[1].length < outC) planes[1] = new int[outC];
        int[] rows = planes[0];
        int[] dst = planes[1];
        for (int t = 0; t < taps; t++) rows[t] = t * ow;
        for (int oy = rowFrom; oy < rowTo; oy++) {
            for (int ic = 0; ic < inC; ic++) {
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - pad + ky;
                    for (int kx = 0; kx < k; kx++) {
                        int t = (ic * k + ky) * k + kx;
                        int row = t * ow;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(panel, row, row + ow, 0f);
                            continue;
                        }
                        int src = in[ic] + iy * w - pad + kx;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * stride - pad + kx;
                            panel[row + ox] = ix >= 0 && ix < w ? a[src + ox * stride] : 0f;
                        }
                    }
                }
            }
            for (int oc = from; oc < to; oc++) dst[oc] = out[oc] + oy * ow;
            int oc = from;
            for (; oc + 4 <= to; oc += 4) four(panel, a, rows, 0, taps, dst, oc, ow, weight, bias, 0);
            for (; oc < to; oc++) one(panel, a, rows, 0, taps, dst[oc], oc, 0, ow, weight, bias);
            clampPlanes(a, dst, from, to, 0, ow, act);
        }
    }

    /**
     * The larger of two vectors, lane by lane, as a compare and a blend: {@code FloatVector.max}
     * keeps Java's NaN and signed-zero rules, which costs several instructions per lane on x86.
     * Max pooling has no use for -0.0 versus 0.0; a NaN lane propagates unless it is the right operand.
     */
    private static FloatVector max(FloatVector a, FloatVector b) {
        return a.blend(b, a.lt(b));
    }

    /**
     * Fully connected: the features are gathered once into a contiguous row, then outputs are
     * vector dot products, four at a time so that four rows of weights stream in together.
     */
    static void linear(float[] a, int[] in, int planeSize, int[] out, float[] weight, float[] bias, int act, int from, int to) {
        int inF = in.length * planeSize;
        float[] x = scratch(0, inF + L);
        for (int c = 0; c < in.length; c++) System.arraycopy(a, in[c], x, c * planeSize, planeSize);
        int o = from;
        for (; o + 4 <= to; o += 4) linear4(a, x, inF, out, o, weight, bias, act);
        for (; o < to; o++) {
            int row = o * inF;
            float sum = bias == null ? 0f : bias[o];
            for (int f = 0; f < inF; f++) sum += weight[row + f] * x[f];
            a[out[o]] = Planar.apply(sum, act);
        }
    }

    private static void linear4(float[] a, float[] x, int inF, int[] out, int o, float[] weight, float[] bias, int act) {
        int r0 = o * inF, r1 = r0 + inF, r2 = r1 + inF, r3 = r2 + inF;
        FloatVector acc0 = FloatVector.zero(S), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int body = inF - inF % L;
        for (int f = 0; f < body; f += L) {
            FloatVector xv = FloatVector.fromArray(S, x, f);
            acc0 = FloatVector.fromArray(S, weight, r0 + f).fma(xv, acc0);
            acc1 = FloatVector.fromArray(S, weight, r1 + f).fma(xv, acc1);
            acc2 = FloatVector.fromArray(S, weight, r2 + f).fma(xv, acc2);
            acc3 = FloatVector.fromArray(S, weight, r3 + f).fma(xv, acc3);
        }
        float s0 = acc0.reduceLanes(VectorOperators.ADD), s1 = acc1.reduceLanes(VectorOperators.ADD);
        float s2 = acc2.reduceLanes(VectorOperators.ADD), s3 = acc3.reduceLanes(VectorOperators.ADD);
        for (int f = body; f < inF; f++) {
            s0 += weight[r0 + f] * x[f];
            s1 += weight[r1 + f] * x[f];
            s2 += weight[r2 + f] * x[f];
            s3 += weight[r3 + f] * x[f];
        }
        if (bias != null) {
            s0 += bias[o];
            s1 += bias[o + 1];
            s2 += bias[o + 2];
            s3 += bias[o + 3];
        }
        a[out[o]] = Planar.apply(s0, act);
        a[out[o + 1]] = Planar.apply(s1, act);
        a[out[o + 2]] = Planar.apply(s2, act);
        a[out[o + 3]] = Planar.apply(s3, act);
    }

    /** Element-wise sum of two tensors' planes (the residual add), activation after. */
    static void add(float[] a, int[] x, int[] y, int[] out, int planeSize, int act, int from, int to) {
        FloatVector lo = FloatVector.broadcast(S, lower(act)), hi = FloatVector.broadcast(S, upper(act));
        for (int c = from; c < to; c++) {
            int i = x[c];
            int j = y[c];
            int o = out[c];
            int p = 0;
            for (; p + L <= planeSize; p += L) {
                clamp(FloatVector.fromArray(S, a, i + p).add(FloatVector.fromArray(S, a, j + p)), lo, hi).intoArray(a, o + p);
            }
            for (; p < planeSize; p++) a[o + p] = Planar.apply(a[i + p] + a[j + p], act);
        }
    }

    /**
     * The split-plane buffer of {@link #dense3x3}: zero where the padding lies. Copies write only
     * the interior, so the buffer is zeroed again only when the geometry changes: a model's stem
     * then pays for it once, not on every run.
     */
    private static float[] zeroBordered(int n, int h, int w, int stride) {
        DenseBuffer d = DENSE.get();
        if (d.floats.length < n) d.floats = new float[n];
        if (d.h != h || d.w != w || d.stride != stride || d.filled < n) {
            java.util.Arrays.fill(d.floats, 0, n, 0f);
            d.h = h;
            d.w = w;
            d.stride = stride;
            d.filled = n;
        }
        return d.floats;
    }

    private static final class DenseBuffer {
        float[] floats = new float[0];
        int h;
        int w;
        int stride;
        int filled;
    }

    private static final ThreadLocal<DenseBuffer> DENSE = ThreadLocal.withInitial(DenseBuffer::new);

    private static float[] scratch(int which, int n) {
        float[][] s = SCRATCH.get();
        if (s[which].length < n) s[which] = new float[n];
        return s[which];
    }

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
        int floats = Split3x3.floats(h, w, stride);
        int oh = Split3x3.outSize(h, stride);
        int ow = Split3x3.outSize(w, stride);
        float[] p = scratch(0, floats + L + 2);
        float[] r = scratch(1, oh * pitch + L);
        java.util.Arrays.fill(p, 0, floats + L + 2, 0f);
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
        FloatVector lo = FloatVector.broadcast(S, lower(act)), hi = FloatVector.broadcast(S, upper(act));
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
            clamp(acc.mul(sv), lo, hi).intoArray(r, q);
        }
    }

    /** Max pooling 3x3, pad 1, stride 1 or 2, over split planes padded with minus infinity (the stem's pool). */
    static void maxPool3x3(float[] a, int[] in, int h, int w, int[] out, int stride, int from, int to, int rowFrom, int rowTo) {
        int pitch = Split3x3.pitch(w, stride);
        int floats = Split3x3.floats(h, w, stride);
        int oh = Split3x3.outSize(h, stride);
        int ow = Split3x3.outSize(w, stride);
        float[] p = scratch(0, floats + L + 2);
        float[] r = scratch(1, oh * pitch + L);
        java.util.Arrays.fill(p, 0, floats + L + 2, Float.NEGATIVE_INFINITY);
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
        for (int q = q0; q < q1; q += L) {
            FloatVector m = max(max(FloatVector.fromArray(S, p, t00 + q), FloatVector.fromArray(S, p, t01 + q)), FloatVector.fromArray(S, p, t02 + q));
            m = max(max(max(m, FloatVector.fromArray(S, p, t10 + q)), FloatVector.fromArray(S, p, t11 + q)), FloatVector.fromArray(S, p, t12 + q));
            m = max(max(max(m, FloatVector.fromArray(S, p, t20 + q)), FloatVector.fromArray(S, p, t21 + q)), FloatVector.fromArray(S, p, t22 + q));
            m.intoArray(r, q);
        }
    }

    /**
     * A dense 3x3 convolution with pad 1, stride 1 or 2 (the stem, ResNet's blocks): every input
     * channel is split (see {@link Split3x3}), which makes each of the inC * 9 taps a plane along q,
     * and the convolution a 1x1 convolution over those planes, run by the register-blocked kernel.
     */
    static void dense3x3(float[] a, int[] in, int h, int w, int[] out, float[] weight, float[] bias, int inC, int stride, int act,
                         int from, int to, int rowFrom, int rowTo) {
        int pitch = Split3x3.pitch(w, stride);
        int floats = Split3x3.floats(h, w, stride);
        int oh = Split3x3.outSize(h, stride);
        int ow = Split3x3.outSize(w, stride);
        int taps = inC * 9;
        float[] p = zeroBordered(inC * floats + L + 2, h, w, stride);
        int first = Split3x3.firstInputRow(h, stride, rowFrom);
        int end = Split3x3.endInputRow(h, stride, rowTo);
        for (int ic = 0; ic < inC; ic++) Split3x3.copy(a, in[ic], h, w, stride, p, ic * floats, first, end);
        int[][] tables = PANEL_PLANES.get();
        if (tables[0].length < taps) tables[0] = new int[taps];
        if (tables[1].length < to) tables[1] = new int[to];
        int[] rows = tables[0];
        int[] dst = tables[1];
        for (int ic = 0; ic < inC; ic++) {
            for (int t = 0; t < 9; t++) rows[ic * 9 + t] = ic * floats + Split3x3.tap(h, w, stride, t / 3, t % 3);
        }
        // Row by row: the kernels write output row y straight into the planes, whose rows are ow
        // apart where the tap planes' are pitch apart, by shifting each plane's offset.
        for (int y = rowFrom; y < rowTo; y++) {
            int start = y * pitch;
            int shift = y * ow - start;
            for (int oc = from; oc < to; oc++) dst[oc] = out[oc] + shift;
            int oc = from;
            for (; oc + 8 <= to; oc += 8) eight(p, a, rows, 0, taps, dst, oc, start, start + ow, weight, bias);
            for (; oc + 4 <= to; oc += 4) four(p, a, rows, 0, taps, dst, oc, start + ow, weight, bias, start);
            for (; oc < to; oc++) one(p, a, rows, 0, taps, dst[oc], oc, start, start + ow, weight, bias);
            clampPlanes(a, dst, from, to, start, start + ow, act);
        }
    }


    /** Rows of {@code ow} outputs from a buffer laid out {@code pitch} apart (from {@code r[from]}) into a plane. */
    private static void rowsOut(float[] r, int from, int pitch, float[] a, int o, int oh, int ow) {
        copyRows(r, from, pitch, a, o, ow, oh, ow);
    }

    /**
     * Copies {@code rows} rows of {@code width} floats between buffers with different row pitches.
     * Rows up to a vector wide (the 4 to 14 of small planes) take one masked load and store each,
     * far cheaper than a call to System.arraycopy.
     */
    static void copyRows(float[] src, int from, int srcPitch, float[] dst, int to, int dstPitch, int rows, int width) {
        if (width > L) {
            for (int y = 0; y < rows; y++) System.arraycopy(src, from + y * srcPitch, dst, to + y * dstPitch, width);
            return;
        }
        VectorMask<Float> m = S.indexInRange(0, width);
        for (int y = 0; y < rows; y++) FloatVector.fromArray(S, src, from + y * srcPitch, m).intoArray(dst, to + y * dstPitch, m);
    }

    /** Lower and upper bound of an activation's output, for {@link #clamp}. */
    private static float lower(int act) { return act == Planar.NONE ? Float.NEGATIVE_INFINITY : 0f; }

    private static float upper(int act) { return act == Planar.RELU6 ? 6f : Float.POSITIVE_INFINITY; }

    /**
     * The activation over positions [p0, p1) of planes {@code out[from..to)}, in vectors. The
     * matrix kernels store their tiles unclamped and their (small) callers clamp right after,
     * while the tiles are still in cache: clamping inside made those large methods too large for
     * the JIT to inline the vector operations, which then allocate.
     */
    static void clampPlanes(float[] a, int[] out, int from, int to, int p0, int p1, int act) {
        if (act == Planar.NONE) return;
        for (int c = from; c < to; c++) clampRange(a, out[c] + p0, p1 - p0, act);
    }

    private static void clampRange(float[] a, int o, int n, int act) {
        if (act == Planar.NONE) return;
        FloatVector lo = FloatVector.broadcast(S, lower(act)), hi = FloatVector.broadcast(S, upper(act));
        int p = 0;
        for (; p + L <= n; p += L) clamp(FloatVector.fromArray(S, a, o + p), lo, hi).intoArray(a, o + p);
        if (p < n) {
            VectorMask<Float> m = S.indexInRange(p, n);
            clamp(FloatVector.fromArray(S, a, o + p, m), lo, hi).intoArray(a, o + p, m);
        }
    }

    /**
     * The fused activation, in registers before the store: v clamped to [lo, hi], as compares and
     * blends (see {@link #max}); a NaN stays NaN. One straight path, no branch: a method that
     * returned one of two vectors would make the JIT box them, and allocate.
     */
    private static FloatVector clamp(FloatVector v, FloatVector lo, FloatVector hi) {
        FloatVector r = v.blend(lo, v.lt(lo));
        return r.blend(hi, r.compare(VectorOperators.GT, hi));
    }

    /** Peak FP32 throughput of this core, GFLOP/s: eight independent chains of vector FMAs. */
    static double peakGflops(long nanos) {
        long n = 0;
        float sink = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            sink += burst(10_000);
            n += 10_000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42.4242f) System.out.print("");
        return n * 8.0 * 2 * L / seconds / 1e9;
    }

    /** A method of its own, so that the JIT compiles it whole (not on-stack) and keeps the vectors in registers. */
    private static float burst(int reps) {
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = FloatVector.broadcast(S, 2f), a2 = FloatVector.broadcast(S, 3f), a3 = FloatVector.broadcast(S, 4f);
        FloatVector a4 = FloatVector.broadcast(S, 5f), a5 = FloatVector.broadcast(S, 6f), a6 = FloatVector.broadcast(S, 7f), a7 = FloatVector.broadcast(S, 8f);
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f);
        for (int r = 0; r < reps; r++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
}

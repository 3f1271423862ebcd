package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 3x3 windows with pad 1 (depthwise convolution, average pooling with the padding counted) over
 * planes whose rows fit in registers: up to two vectors per row. Each output
 * row is computed from its three input rows loaded straight from the plane; the left and right
 * neighbours are lane shifts, and stride 2's even and odd columns a de-interleave, all in
 * registers. The 4x4 to 28x28 planes of ShuffleNet's later stages (and all of CIFAR's) are mostly
 * border, where {@link SimdWindows}'s split planes cost a copy of every row per channel: 8 to 16 times
 * the arithmetic on the smallest ones. Loaded only with jdk.incubator.vector (see {@link Planar#SIMD}).
 */
final class NarrowWindows {
    private NarrowWindows() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();
    private static final FloatVector ZERO = FloatVector.zero(S);
    /** Lane i takes lane i - 1 (lane 0 that of the second vector's last lane: index 2L - 1), for the left neighbour. */
    private static final VectorShuffle<Float> RIGHT = VectorShuffle.fromOp(S, i -> i == 0 ? 2 * L - 1 : i - 1);
    /** Lane i takes lane i + 1 (the last lane the second vector's lane 0), for the right neighbour. */
    private static final VectorShuffle<Float> LEFT = VectorShuffle.fromOp(S, i -> i + 1);
    private static final VectorShuffle<Float> EVEN = Simd.EVEN;
    private static final VectorShuffle<Float> ODD = Simd.ODD;
    /**
     * The same moves within one vector, for rows narrower than a vector: their last lane is a
     * masked-off zero, and takes the place of the zero a second vector would bring. A permute of two
     * vectors costs several instructions; of one, one.
     */
    private static final VectorShuffle<Float> RIGHT_IN = VectorShuffle.fromOp(S, i -> i == 0 ? L - 1 : i - 1);
    private static final VectorShuffle<Float> LEFT_IN = VectorShuffle.fromOp(S, i -> i == L - 1 ? L - 1 : i + 1);
    private static final VectorShuffle<Float> EVEN_IN = VectorShuffle.fromOp(S, i -> 2 * i < L ? 2 * i : L - 1);
    private static final VectorShuffle<Float> ODD_IN = VectorShuffle.fromOp(S, i -> 2 * i + 1 < L ? 2 * i + 1 : L - 1);
    /** A row of padding: rows above and below the plane are read from here. */
    private static final float[] PAD = new float[2 * L];

    /** Whether a w-wide plane's rows fit this kernel at this stride. */
    static boolean fits(int w, int stride) {
        return (stride == 1 || stride == 2) && w <= 2 * L;
    }

    /** Channels [from, to), output rows [rowFrom, rowTo); weights null for a plain sum times {@code scale}. */
    static void window3x3(float[] a, int[] in, int h, int w, int[] out, int stride, float[] weight, float[] bias, float scale, int act,
                          int from, int to, int rowFrom, int rowTo) {
        if (stride == 1 && 2 * w <= L && L % w == 0) {  // 7x7's 14 of 16 lanes measured no faster than row by row
            stacked(a, in, h, w, out, weight, bias, scale, act, from, to, rowFrom, rowTo);
            return;
        }
        for (int c = from; c < to; c++) {
            float b = bias == null ? 0f : bias[c];
            if (stride == 2 && w < L) {
                rowsStride2InVector(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
            } else if (stride == 2) {
                rowsStride2(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
            } else if (w < L) {
                rowsStride1InVector(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
            } else if (w <= L) {
                rowsStride1(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
            } else {
                leftHalves(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
                rightHalves(a, in[c], h, w, out[c], weight, c * 9, b, scale, act, rowFrom, rowTo);
            }
        }
    }

    /** Planes copied between zeros per batch: the copies' stores are done before the first load reads them. */
    private static final int STACK_BATCH = 8;

    private static void stacked(float[] a, int[] in, int h, int w, int[] out, float[] weight, float[] bias, float scale, int act,
                                int from, int to, int rowFrom, int rowTo) {
        int span = STACK_PAD + h * w + 2 * L;
        float[] s = Simd.scratch(0, STACK_BATCH * span);
        // Rows stacked in one vector: the lanes of their first and last columns.
        long firstColumn = 0, lastColumn = 0;
        for (int lane = 0; lane < L; lane++) {
            if (lane % w == 0) firstColumn |= 1L << lane;
            if (lane % w == w - 1) lastColumn |= 1L << lane;
        }
        for (int c0 = from; c0 < to; c0 += STACK_BATCH) {
            int c1 = Math.min(to, c0 + STACK_BATCH);
            for (int c = c0; c < c1; c++) copyBetweenZeros(a, in[c], h * w, s, (c - c0) * span);
            for (int c = c0; c < c1; c++) {
                stackedRows(a, (c - c0) * span, h, w, out[c], weight, c * 9, bias == null ? 0f : bias[c], scale, act, rowFrom, rowTo, s,
                        firstColumn, lastColumn);
            }
        }
    }

    /** Zeros before a plane copied for {@link #stackedRows}: its row -1, and the left neighbour of its first lane. */
    private static final int STACK_PAD = L;

    /**
     * Stride 1, rows of a whole fraction of a vector (4x4, 8x8): L/w rows per vector, so a 4x4 plane
     * is one vector, not four one-quarter-full ones. The plane is copied between zeros (rows -1
     * and h); each tap is a load at its offset, lanes without that neighbour in their row set to zero.
     */
    private static void stackedRows(float[] a, int base, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo, float[] s, long firstColumn, long lastColumn) {
        VectorMask<Float> fc = VectorMask.fromLong(S, firstColumn), lc = VectorMask.fromLong(S, lastColumn);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        int r = L / w;
        for (int y = rowFrom; y < rowTo; y += r) {
            // Left neighbours of a row's first column and right ones of its last are the rows' ends: zeroed.
            int t = base + STACK_PAD + (y - 1) * w, m = t + w, d = m + w;
            FloatVector acc = FloatVector.fromArray(S, s, t - 1).blend(ZERO, fc).fma(k00, bv);
            acc = FloatVector.fromArray(S, s, t).fma(k01, acc);
            acc = FloatVector.fromArray(S, s, t + 1).blend(ZERO, lc).fma(k02, acc);
            acc = FloatVector.fromArray(S, s, m - 1).blend(ZERO, fc).fma(k10, acc);
            acc = FloatVector.fromArray(S, s, m).fma(k11, acc);
            acc = FloatVector.fromArray(S, s, m + 1).blend(ZERO, lc).fma(k12, acc);
            acc = FloatVector.fromArray(S, s, d - 1).blend(ZERO, fc).fma(k20, acc);
            acc = FloatVector.fromArray(S, s, d).fma(k21, acc);
            acc = FloatVector.fromArray(S, s, d + 1).blend(ZERO, lc).fma(k22, acc);
            acc = acc.mul(sv);
            acc = acc.blend(lo, acc.lt(lo));  // the activation, written out here: see Simd's notes on clamping
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * w, S.indexInRange(0, Math.min(r, rowTo - y) * w));
        }
    }

    /** The n floats from a[i] into s[at...] after STACK_PAD zeros, and 2L zeros after them. */
    private static void copyBetweenZeros(float[] a, int i, int n, float[] s, int at) {
        ZERO.intoArray(s, at);
        for (int p = 0; p < n; p += L) FloatVector.fromArray(S, a, i + p, S.indexInRange(p, n)).intoArray(s, at + STACK_PAD + p);
        ZERO.intoArray(s, at + STACK_PAD + n);
        ZERO.intoArray(s, at + STACK_PAD + n + L);
    }

    private static void rowsStride1(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        VectorMask<Float> m = S.indexInRange(0, w);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // Each input row is loaded and shifted once and rolls from bottom to middle to top (see rowsStride1InVector).
        FloatVector top = FloatVector.fromArray(S, rowFrom > 0 ? a : PAD, rowFrom > 0 ? i + (rowFrom - 1) * w : 0, m);
        FloatVector topL = top.rearrange(RIGHT, ZERO), topR = top.rearrange(LEFT, ZERO);
        FloatVector mid = FloatVector.fromArray(S, a, i + rowFrom * w, m);
        FloatVector midL = mid.rearrange(RIGHT, ZERO), midR = mid.rearrange(LEFT, ZERO);
        for (int y = rowFrom; y < rowTo; y++) {
            // Rows outside the plane are read from PAD: choosing the array, not the vector, keeps every vector in registers.
            FloatVector bot = FloatVector.fromArray(S, y + 1 < h ? a : PAD, y + 1 < h ? i + (y + 1) * w : 0, m);
            FloatVector botL = bot.rearrange(RIGHT, ZERO), botR = bot.rearrange(LEFT, ZERO);
            FloatVector s0 = topR.fma(k02, top.fma(k01, topL.fma(k00, bv)));
            FloatVector s1 = midR.fma(k12, mid.fma(k11, midL.mul(k10)));
            FloatVector s2 = botR.fma(k22, bot.fma(k21, botL.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            top = mid;
            topL = midL;
            topR = midR;
            mid = bot;
            midL = botL;
            midR = botR;
            acc = acc.blend(lo, acc.lt(lo));  // the activation, written out here: see Simd's notes on clamping
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * w, m);
        }
    }

    /** Stride 1, rows narrower than a vector: every neighbour a one-vector permute (see RIGHT_IN). */
    private static void rowsStride1InVector(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        VectorMask<Float> m = S.indexInRange(0, w);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // Each input row is loaded and shifted once, then rolls from bottom to middle to top.
        FloatVector top = FloatVector.fromArray(S, rowFrom > 0 ? a : PAD, rowFrom > 0 ? i + (rowFrom - 1) * w : 0, m);
        FloatVector topL = top.rearrange(RIGHT_IN), topR = top.rearrange(LEFT_IN);
        FloatVector mid = FloatVector.fromArray(S, a, i + rowFrom * w, m);
        FloatVector midL = mid.rearrange(RIGHT_IN), midR = mid.rearrange(LEFT_IN);
        for (int y = rowFrom; y < rowTo; y++) {
            // Rows outside the plane are read from PAD: choosing the array, not the vector, keeps every vector in registers.
            FloatVector bot = FloatVector.fromArray(S, y + 1 < h ? a : PAD, y + 1 < h ? i + (y + 1) * w : 0, m);
            FloatVector botL = bot.rearrange(RIGHT_IN), botR = bot.rearrange(LEFT_IN);
            // One sum per input row: nine multiply-adds in one chain would wait on each other.
            FloatVector s0 = topR.fma(k02, top.fma(k01, topL.fma(k00, bv)));
            FloatVector s1 = midR.fma(k12, mid.fma(k11, midL.mul(k10)));
            FloatVector s2 = botR.fma(k22, bot.fma(k21, botL.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            top = mid;
            topL = midL;
            topR = midR;
            mid = bot;
            midL = botL;
            midR = botR;
            acc = acc.blend(lo, acc.lt(lo));  // the activation, written out here: see Simd's notes on clamping
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * w, m);
        }
    }

    /**
     * Stride 1, rows of L + 1 to 2L columns (28x28): output columns [0, L) of each row. Their right
     * neighbours' last lane is the row's second vector's first. The two halves are methods of their
     * own, each about the size of {@link #rowsStride2}: a method with many more vector operations can
     * make the JIT's first tier give up on it (see JitHealthTest).
     */
    private static void leftHalves(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                   int rowFrom, int rowTo) {
        VectorMask<Float> m1 = S.indexInRange(L, w);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // Each input row is loaded and shifted once and rolls from bottom to middle to top (see rowsStride1InVector).
        float[] fa = rowFrom > 0 ? a : PAD;
        int f = rowFrom > 0 ? i + (rowFrom - 1) * w : 0;
        FloatVector top = FloatVector.fromArray(S, fa, f);
        FloatVector topL = top.rearrange(RIGHT, ZERO), topR = top.rearrange(LEFT, FloatVector.fromArray(S, fa, f + L, m1));
        int m = i + rowFrom * w;
        FloatVector mid = FloatVector.fromArray(S, a, m);
        FloatVector midL = mid.rearrange(RIGHT, ZERO), midR = mid.rearrange(LEFT, FloatVector.fromArray(S, a, m + L, m1));
        for (int y = rowFrom; y < rowTo; y++) {
            float[] ba = y + 1 < h ? a : PAD;
            int bo = y + 1 < h ? i + (y + 1) * w : 0;
            FloatVector bot = FloatVector.fromArray(S, ba, bo);
            FloatVector botL = bot.rearrange(RIGHT, ZERO), botR = bot.rearrange(LEFT, FloatVector.fromArray(S, ba, bo + L, m1));
            FloatVector s0 = topR.fma(k02, top.fma(k01, topL.fma(k00, bv)));
            FloatVector s1 = midR.fma(k12, mid.fma(k11, midL.mul(k10)));
            FloatVector s2 = botR.fma(k22, bot.fma(k21, botL.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            top = mid;
            topL = midL;
            topR = midR;
            mid = bot;
            midL = botL;
            midR = botR;
            acc = acc.blend(lo, acc.lt(lo));
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * w);
        }
    }

    /** Stride 1, rows of L + 1 to 2L columns: output columns [L, w); their left neighbours' first lane is the first vector's last. */
    private static void rightHalves(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        VectorMask<Float> m1 = S.indexInRange(L, w);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // Rolling rows as in leftHalves. The last lane is column 2L - 1: a masked-off zero, the right
        // neighbour of the row's last column, unless the row is 2L wide.
        boolean full = w == 2 * L;
        float[] fa = rowFrom > 0 ? a : PAD;
        int f = rowFrom > 0 ? i + (rowFrom - 1) * w : 0;
        FloatVector top = FloatVector.fromArray(S, fa, f + L, m1);
        FloatVector topL = top.rearrange(RIGHT, FloatVector.fromArray(S, fa, f));
        FloatVector topR = full ? top.rearrange(LEFT, ZERO) : top.rearrange(LEFT_IN);
        int m = i + rowFrom * w;
        FloatVector mid = FloatVector.fromArray(S, a, m + L, m1);
        FloatVector midL = mid.rearrange(RIGHT, FloatVector.fromArray(S, a, m));
        FloatVector midR = full ? mid.rearrange(LEFT, ZERO) : mid.rearrange(LEFT_IN);
        for (int y = rowFrom; y < rowTo; y++) {
            float[] ba = y + 1 < h ? a : PAD;
            int bo = y + 1 < h ? i + (y + 1) * w : 0;
            FloatVector bot = FloatVector.fromArray(S, ba, bo + L, m1);
            FloatVector botL = bot.rearrange(RIGHT, FloatVector.fromArray(S, ba, bo));
            FloatVector botR = full ? bot.rearrange(LEFT, ZERO) : bot.rearrange(LEFT_IN);
            FloatVector s0 = topR.fma(k02, top.fma(k01, topL.fma(k00, bv)));
            FloatVector s1 = midR.fma(k12, mid.fma(k11, midL.mul(k10)));
            FloatVector s2 = botR.fma(k22, bot.fma(k21, botL.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            top = mid;
            topL = midL;
            topR = midR;
            mid = bot;
            midL = botL;
            midR = botR;
            acc = acc.blend(lo, acc.lt(lo));
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * w + L, m1);
        }
    }

    /**
     * Output column x reads input columns 2x - 1, 2x and 2x + 1: the odd columns shifted by a lane,
     * the even ones, the odd ones. A row of up to 2L floats is two masked loads and three shuffles.
     */
    private static void rowsStride2(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        int ow = (w - 1) / 2 + 1;
        VectorMask<Float> m0 = S.indexInRange(0, w), m1 = S.indexInRange(L, w), mo = S.indexInRange(0, ow);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // As in rowsStride2InVector: the bottom input row rolls over to the next output row's top. The
        // odd columns' last lane is column 2L - 1: a masked-off zero unless the row is 2L wide, and
        // then the shift right takes a second vector.
        boolean full = w == 2 * L;
        int first = 2 * rowFrom - 1;
        float[] fa = first >= 0 ? a : PAD;
        int f = first >= 0 ? i + first * w : 0;
        FloatVector t0 = FloatVector.fromArray(S, fa, f, m0), t1 = FloatVector.fromArray(S, fa, f + L, m1);
        FloatVector topO = t0.rearrange(ODD, t1), topE = t0.rearrange(EVEN, t1);
        FloatVector topR = full ? topO.rearrange(RIGHT, ZERO) : topO.rearrange(RIGHT_IN);
        for (int y = rowFrom; y < rowTo; y++) {
            int iy = 2 * y;
            float[] ba = iy + 1 < h ? a : PAD;
            int bo = iy + 1 < h ? i + (iy + 1) * w : 0;
            FloatVector m0v = FloatVector.fromArray(S, a, i + iy * w, m0), m1v = FloatVector.fromArray(S, a, i + iy * w + L, m1);
            FloatVector midO = m0v.rearrange(ODD, m1v), midE = m0v.rearrange(EVEN, m1v);
            FloatVector midR = full ? midO.rearrange(RIGHT, ZERO) : midO.rearrange(RIGHT_IN);
            FloatVector b0 = FloatVector.fromArray(S, ba, bo, m0), b1 = FloatVector.fromArray(S, ba, bo + L, m1);
            FloatVector botO = b0.rearrange(ODD, b1), botE = b0.rearrange(EVEN, b1);
            FloatVector botR = full ? botO.rearrange(RIGHT, ZERO) : botO.rearrange(RIGHT_IN);
            FloatVector s0 = topO.fma(k02, topE.fma(k01, topR.fma(k00, bv)));
            FloatVector s1 = midO.fma(k12, midE.fma(k11, midR.mul(k10)));
            FloatVector s2 = botO.fma(k22, botE.fma(k21, botR.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            topO = botO;
            topE = botE;
            topR = botR;
            acc = acc.blend(lo, acc.lt(lo));
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * ow, mo);
        }
    }

    /** Stride 2, rows narrower than a vector: the de-interleave and the shift one-vector permutes (see ODD_IN). */
    private static void rowsStride2InVector(float[] a, int i, int h, int w, int o, float[] weight, int wb, float b, float scale, int act,
                                    int rowFrom, int rowTo) {
        int ow = (w - 1) / 2 + 1;
        VectorMask<Float> m0 = S.indexInRange(0, w), mo = S.indexInRange(0, ow);
        FloatVector lo = FloatVector.broadcast(S, Simd.lower(act)), hi = FloatVector.broadcast(S, Simd.upper(act));
        FloatVector k00 = tap(weight, wb, 0), k01 = tap(weight, wb, 1), k02 = tap(weight, wb, 2);
        FloatVector k10 = tap(weight, wb, 3), k11 = tap(weight, wb, 4), k12 = tap(weight, wb, 5);
        FloatVector k20 = tap(weight, wb, 6), k21 = tap(weight, wb, 7), k22 = tap(weight, wb, 8);
        FloatVector bv = FloatVector.broadcast(S, b), sv = FloatVector.broadcast(S, scale);
        // Output row y reads input rows 2y - 1, 2y and 2y + 1: the last is the next output's first,
        // so it rolls over, de-interleaved and shifted once.
        int first = 2 * rowFrom - 1;
        FloatVector top = FloatVector.fromArray(S, first >= 0 ? a : PAD, first >= 0 ? i + first * w : 0, m0);
        FloatVector topO = top.rearrange(ODD_IN), topE = top.rearrange(EVEN_IN), topR = topO.rearrange(RIGHT_IN);
        for (int y = rowFrom; y < rowTo; y++) {
            int iy = 2 * y;
            FloatVector mid = FloatVector.fromArray(S, a, i + iy * w, m0);
            FloatVector midO = mid.rearrange(ODD_IN), midE = mid.rearrange(EVEN_IN), midR = midO.rearrange(RIGHT_IN);
            FloatVector bot = FloatVector.fromArray(S, iy + 1 < h ? a : PAD, iy + 1 < h ? i + (iy + 1) * w : 0, m0);
            FloatVector botO = bot.rearrange(ODD_IN), botE = bot.rearrange(EVEN_IN), botR = botO.rearrange(RIGHT_IN);
            // One sum per input row: nine multiply-adds in one chain would wait on each other.
            FloatVector s0 = topO.fma(k02, topE.fma(k01, topR.fma(k00, bv)));
            FloatVector s1 = midO.fma(k12, midE.fma(k11, midR.mul(k10)));
            FloatVector s2 = botO.fma(k22, botE.fma(k21, botR.mul(k20)));
            FloatVector acc = s0.add(s1).add(s2).mul(sv);
            topO = botO;
            topE = botE;
            topR = botR;
            acc = acc.blend(lo, acc.lt(lo));
            acc.blend(hi, acc.compare(VectorOperators.GT, hi)).intoArray(a, o + y * ow, mo);
        }
    }

    private static FloatVector tap(float[] weight, int wb, int k) {
        return FloatVector.broadcast(S, weight == null ? 1f : weight[wb + k]);
    }
}

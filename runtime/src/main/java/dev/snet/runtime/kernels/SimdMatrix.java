package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolutions as small matrix products over the Vector API: 1x1 convolutions in tiles of eight
 * output channels by vectors of positions, and dense convolutions (the stem) as 1x1 convolutions
 * over their tap planes. Loaded only with jdk.incubator.vector (see {@link Planar#SIMD}).
 */
final class SimdMatrix {
    private SimdMatrix() {}

    private static final VectorSpecies<Float> S = Simd.S;
    private static final int L = S.length();
    /** Eight lanes, one per channel of a block of weights: where vectors hold eight floats or more, else null (scalar). */
    private static final VectorSpecies<Float> EIGHT = L >= 8 ? FloatVector.SPECIES_256 : null;
    /**
     * Whether small planes' channel tiles are two vectors by eight positions, stored with a scatter:
     * sixteen accumulators and a scatter instruction need AVX-512 (or SVE); elsewhere they are two
     * vectors by four positions, stored through scratch ({@link ChannelTiles}). The Vector API's
     * scatter, where the JIT has no instruction for it, runs in Java and allocates on every call
     * (860 KB per CIFAR inference under -XX:UseAVX=2).
     */
    private static final boolean SCATTER_TILE = Simd.SHAPE.scatter() && Simd.SHAPE.wideRegisterFile();
    /** Whether position tiles of eight channels by two or three vectors fit the registers (see {@link PositionTiles}). */
    private static final boolean WIDE_TILES = Simd.SHAPE.wideRegisterFile();
    /**
     * Planes of at least this many positions go tile of positions by tile (see {@link #byPositions}),
     * smaller ones (7x7) block of channels by block, at every vector width: measured in positions,
     * not vectors, or 7x7 planes at 256 bits would stream a layer's weights twice (conv5 of
     * ShuffleNet v2, 1.9 MB, from L3).
     */
    private static final int BY_POSITIONS = 64;

    /** The tile shapes chosen for this JVM, for {@link Planar#implementation()}. */
    static String variant() {
        return "1x1 tiles " + (WIDE_TILES ? "8x3" : "4x2+4x2+8x1") + " channels x vectors, 4x4 planes "
                + (SCATTER_TILE ? "2 vectors x 8 positions scattered" : "2 vectors x 4 positions via scratch");
    }

    /**
     * 1x1 convolution for output channels [from, to) at positions [p0, p1): register-blocked,
     * eight output channels by two vectors of positions per step. With a {@code residual} (planes,
     * or null), out = act(conv + residual). The residual's planes may be the output's own (the memory
     * plan writes a residual unit's output over its input): every kernel here reads a residual
     * float before it writes the output float in its place, and computes each position once.
     * The weights are blocked (see {@link Planar#convWeights}).
     */
    static void pointwise(float[] a, int[] in, int[] out, float[] w, float[] bias, int inC, int outC, int groups,
                          int act, int[] residual, int from, int to, int p0, int p1) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        int blocked = outPer - outPer % 8;
        int oc = from;
        while (oc < to) {
            int g = oc / outPer;
            int g0 = g * outPer;
            int end = Math.min(to, g0 + outPer);
            int firstIn = g * inPer;
            if (p1 - p0 >= BY_POSITIONS) {
                byPositions(a, in, out, w, bias, firstIn, inPer, g0, blocked, oc, end, p0, p1, act, residual);
                oc = end;
                continue;
            }
            // A plane a position or two longer than whole vectors (7x7: 49 = 3 x 16 + 1) takes its
            // last positions as dot products: vector tiles would compute 64 positions for 49.
            int body = p1 - (p1 - p0) % L;
            int vectorEnd = body > p0 && p1 - body <= 2 ? body : p1;
            int first = oc;
            for (int blocksEnd = Math.min(end, g0 + blocked); oc < blocksEnd; ) {
                if (!wholeBlock(oc, g0, blocksEnd)) {
                    alone(a, in, firstIn, inPer, out, oc, g0, blocked, p0, vectorEnd, w, bias, act, residual);
                    oc++;
                    continue;
                }
                eight(a, a, in, firstIn, inPer, out, oc, p0, vectorEnd, w, bias, Simd.lower(act), Simd.upper(act), residual);
                oc += 8;
            }
            for (; oc + 4 <= end; oc += 4) {
                four(a, a, in, firstIn, inPer, out, oc, vectorEnd, w, bias, p0, residual);
                Simd.clampPlanes(a, out, oc, oc + 4, p0, vectorEnd, act);
            }
            for (; oc < end; oc++) alone(a, in, firstIn, inPer, out, oc, g0, blocked, p0, vectorEnd, w, bias, act, residual);
            for (int p = vectorEnd; p < p1; p++) positionDots(a, in, out, w, bias, firstIn, inPer, g0, blocked, first, end, p, act, residual);
        }
    }

    /**
     * Whether the eight channels from oc are a block of the weights (see {@link Planar#convWeights}):
     * the group's blocks start at its first channel, g0; a thread's share may start or end inside one.
     */
    private static boolean wholeBlock(int oc, int g0, int blocksEnd) {
        return (oc - g0) % 8 == 0 && oc + 8 <= blocksEnd;
    }

    /** Where channel oc's weights start: inside its block of eight, or its row after the group's blocks. */
    private static int weightAt(int oc, int g0, int blocked, int inPer) {
        int rel = oc - g0;
        return rel < blocked ? (oc - rel % 8) * inPer + rel % 8 : oc * inPer;
    }

    /** Channel oc by itself at positions [p0, p1), its residual added and its activation applied. */
    private static void alone(float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int g0, int blocked, int p0, int p1,
                              float[] w, float[] bias, int act, int[] residual) {
        one(a, a, in, firstIn, inPer, out[oc], oc, p0, p1, w, bias, residual == null ? -1 : residual[oc], weightAt(oc, g0, blocked, inPer),
                oc - g0 < blocked ? 8 : 1);
        Simd.clampPlanes(a, out, oc, oc + 1, p0, p1, act);
    }

    /**
     * Planar.pointwiseSmall: tiles of two vectors of output channels by eight positions (16
     * accumulators; per input channel, two weight vectors and eight broadcast inputs feed 16
     * multiply-adds), scattered straight to their planes. A group's last channels (fewer than two
     * vectors) and planes of fewer than eight positions go a vector of channels at a time through
     * a scratch row, lane by lane. A last tile of positions moves back to end at the plane's end,
     * overlapping the one before.
     */
    static void pointwiseChannelsLast(float[] a, int[] in, int[] out, int n, float[] packed, int inC, int outC, int groups, int act,
                                      int[] residual, int from, int to) {
        int inPer = inC / groups, outPer = outC / groups, biasAt = outC * inPer;
        float[] sums = Simd.scratch(1, 8 * L);
        // A residual is added plane by plane after the tiles, then the activation: gathering it into
        // channel vectors cost more than the whole pass (1.00x the position tiles' time at 200 -> 800, not 1.17x).
        int tileAct = residual == null ? act : Planar.NONE;
        float lo = Simd.lower(tileAct), hi = Simd.upper(tileAct);
        for (int first = from; first < to; ) {
            int g = first / outPer;
            int end = Math.min(to, (g + 1) * outPer);
            for (int oc = first; oc < end; ) {
                int wb = g * inPer * outPer + oc - g * outPer;
                if (n >= 8 && end - oc >= 2 * L) {
                    for (int p = 0; p < n; p += 8) {
                        int q = Math.min(p, n - 8);
                        if (SCATTER_TILE) {
                            ChannelTiles.channelTile8(a, in, g * inPer, inPer, packed, wb, outPer, q, biasAt, oc, out, lo, hi);
                        } else {
                            ChannelTiles.channelTile4(a, in, g * inPer, inPer, packed, wb, outPer, q, biasAt, oc, out, lo, hi, sums);
                            ChannelTiles.channelTile4(a, in, g * inPer, inPer, packed, wb, outPer, q + 4, biasAt, oc, out, lo, hi, sums);
                        }
                    }
                    oc += 2 * L;
                    continue;
                }
                int count = Math.min(L, end - oc);
                for (int p = 0; p < n; ) {
                    int q = n >= 8 ? Math.min(p, n - 8) : p;
                    int positions = n >= 8 ? 8 : 1;
                    if (positions == 8) channelSums8x1(a, in, g * inPer, inPer, packed, wb, outPer, q, sums);
                    else channelSums1(a, in, g * inPer, inPer, packed, wb, outPer, q, sums);
                    storeChannels(a, sums, positions, packed, biasAt, oc, count, q, out, lo, hi);
                    p = q + positions;
                }
                oc += count;
            }
            first = end;
        }
        if (residual != null) Simd.addPlanes(a, out, residual, from, to, 0, n, act);
    }

    /** Adds the bias to the first {@code count} lanes of each position's sums (position k at sums[k L]), clamps, stores. */
    private static void storeChannels(float[] a, float[] sums, int positions, float[] packed, int biasAt, int oc, int count, int p,
                                      int[] out, float lo, float hi) {
        for (int k = 0; k < positions; k++) {
            for (int j = 0; j < count; j++) {
                float v = sums[k * L + j] + packed[biasAt + oc + j];
                a[out[oc + j] + p + k] = Math.min(Math.max(v, lo), hi);
            }
        }
    }


    /** One vector of output channels (weights from packed[wb]) by the eight positions from p, into sums: position k at sums[k L]. */
    private static void channelSums8x1(float[] a, int[] in, int firstIn, int inPer, float[] packed, int wb, int outPer, int p, float[] sums) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S), c6 = FloatVector.zero(S), c7 = FloatVector.zero(S);
        for (int ic = 0; ic < inPer; ic++) {
            int x = in[firstIn + ic] + p;
            FloatVector w0 = FloatVector.fromArray(S, packed, wb + ic * outPer);
            c0 = w0.fma(FloatVector.broadcast(S, a[x + 0]), c0);
            c1 = w0.fma(FloatVector.broadcast(S, a[x + 1]), c1);
            c2 = w0.fma(FloatVector.broadcast(S, a[x + 2]), c2);
            c3 = w0.fma(FloatVector.broadcast(S, a[x + 3]), c3);
            c4 = w0.fma(FloatVector.broadcast(S, a[x + 4]), c4);
            c5 = w0.fma(FloatVector.broadcast(S, a[x + 5]), c5);
            c6 = w0.fma(FloatVector.broadcast(S, a[x + 6]), c6);
            c7 = w0.fma(FloatVector.broadcast(S, a[x + 7]), c7);
        }
        c0.intoArray(sums, 0 * L);
        c1.intoArray(sums, 1 * L);
        c2.intoArray(sums, 2 * L);
        c3.intoArray(sums, 3 * L);
        c4.intoArray(sums, 4 * L);
        c5.intoArray(sums, 5 * L);
        c6.intoArray(sums, 6 * L);
        c7.intoArray(sums, 7 * L);
    }

    /** The same for the single position p. */
    private static void channelSums1(float[] a, int[] in, int firstIn, int inPer, float[] packed, int wb, int outPer, int p, float[] sums) {
        FloatVector c = FloatVector.zero(S);
        for (int ic = 0; ic < inPer; ic++) c = FloatVector.fromArray(S, packed, wb + ic * outPer).fma(FloatVector.broadcast(S, a[in[firstIn + ic] + p]), c);
        c.intoArray(sums, 0);
    }

    /**
     * Output channels [from, to) at the single position p: the position's inputs gathered into a
     * row, then for each block of eight channels eight-lane multiply-adds down the block (its
     * weights are eight floats per input), and for the group's other channels a dot product with
     * each row.
     */
    private static void positionDots(float[] a, int[] in, int[] out, float[] w, float[] bias, int firstIn, int inPer, int g0, int blocked,
                                     int from, int to, int p, int act, int[] res) {
        float[] x = Simd.scratch(0, inPer);
        for (int ic = 0; ic < inPer; ic++) x[ic] = a[in[firstIn + ic] + p];
        int oc = from;
        for (int blocksEnd = Math.min(to, g0 + blocked); oc < blocksEnd; ) {
            if (EIGHT != null && wholeBlock(oc, g0, blocksEnd)) {
                // Four chains of multiply-adds: one would wait on each multiply-add's latency (8 us a 7x7 layer).
                FloatVector c0 = FloatVector.zero(EIGHT), c1 = c0, c2 = c0, c3 = c0;
                int wb = oc * inPer, ic = 0;
                for (; ic + 4 <= inPer; ic += 4) {
                    c0 = FloatVector.fromArray(EIGHT, w, wb + 8 * ic).fma(FloatVector.broadcast(EIGHT, x[ic]), c0);
                    c1 = FloatVector.fromArray(EIGHT, w, wb + 8 * ic + 8).fma(FloatVector.broadcast(EIGHT, x[ic + 1]), c1);
                    c2 = FloatVector.fromArray(EIGHT, w, wb + 8 * ic + 16).fma(FloatVector.broadcast(EIGHT, x[ic + 2]), c2);
                    c3 = FloatVector.fromArray(EIGHT, w, wb + 8 * ic + 24).fma(FloatVector.broadcast(EIGHT, x[ic + 3]), c3);
                }
                for (; ic < inPer; ic++) c0 = FloatVector.fromArray(EIGHT, w, wb + 8 * ic).fma(FloatVector.broadcast(EIGHT, x[ic]), c0);
                float[] sums = Simd.scratch(1, 8);
                c0.add(c1).add(c2.add(c3)).intoArray(sums, 0);
                for (int j = 0; j < 8; j++) {
                    float sum = sums[j] + (bias == null ? 0f : bias[oc + j]);
                    if (res != null) sum += a[res[oc + j] + p];
                    a[out[oc + j] + p] = Planar.apply(sum, act);
                }
                oc += 8;
                continue;
            }
            int w0 = weightAt(oc, g0, blocked, inPer);
            float sum = bias == null ? 0f : bias[oc];
            for (int ic = 0; ic < inPer; ic++) sum += w[w0 + 8 * ic] * x[ic];
            if (res != null) sum += a[res[oc] + p];
            a[out[oc] + p] = Planar.apply(sum, act);
            oc++;
        }
        int body = inPer - inPer % L;
        for (; oc < to; oc++) {
            int row = oc * inPer;
            FloatVector acc = FloatVector.zero(S);
            for (int ic = 0; ic < body; ic += L) acc = FloatVector.fromArray(S, w, row + ic).fma(FloatVector.fromArray(S, x, ic), acc);
            float[] lanes = Simd.lanes();
            acc.intoArray(lanes, 0);
            float sum = Simd.sum(lanes) + (bias == null ? 0f : bias[oc]);
            for (int ic = body; ic < inPer; ic++) sum += w[row + ic] * x[ic];
            if (res != null) sum += a[res[oc] + p];
            a[out[oc] + p] = Planar.apply(sum, act);
        }
    }

    /**
     * Output channels [from, to) of one group, tile of positions by tile: every block of eight
     * channels runs over the same 2L positions of the input planes before the next tile, so those
     * (inPer x 2L floats) are read from L2 once and from L1 after. Channel-block by block, each
     * block would read every input plane again, one L1 miss per load. Planes of fewer than 64
     * positions (7x7) go block by block instead: with two tiles per plane, the block's weights then
     * stay in L1 for both, where this order would stream every weight twice (conv5's 1.9 MB from
     * L3). The last tile moves back to end at p1, overlapping the one before; with a residual, which
     * may lie where the outputs go, the tail takes a masked tile instead.
     */
    private static void byPositions(float[] a, int[] in, int[] out, float[] w, float[] bias, int firstIn, int inPer, int g0, int blocked,
                                    int from, int to, int p0, int p1, int act, int[] residual) {
        float lo = Simd.lower(act), hi = Simd.upper(act);
        for (int p = p0; p < p1; ) {
            // A tail of one or two vectors or less takes a tile that wide: 14x14 planes then
            // compute 208 positions for their 196, not 240.
            int vectors = p1 - p <= L ? 1 : p1 - p <= 2 * L ? 2 : 3;
            if (residual != null) vectors = Math.min(3, (p1 - p) / L);
            int q = Math.min(p, p1 - vectors * L);
            int end = q + vectors * L;
            if (vectors == 0) end = p1;
            int oc = from;
            for (int blocksEnd = Math.min(to, g0 + blocked); oc < blocksEnd; ) {
                if (!wholeBlock(oc, g0, blocksEnd)) {
                    alone(a, in, firstIn, inPer, out, oc, g0, blocked, q, end, w, bias, act, residual);
                    oc++;
                } else {
                    if (vectors == 0) tile8narrow(a, a, in, firstIn, inPer, out, oc, q, w, bias, lo, hi, residual, p1 - q);
                    else if (vectors == 3) tile8x3(a, a, in, firstIn, inPer, out, oc, q, w, bias, lo, hi, residual);
                    else if (vectors == 2) tile8x2(a, a, in, firstIn, inPer, out, oc, q, w, bias, lo, hi, residual);
                    else PositionTiles.tile8x1(a, a, in, firstIn, inPer, out, oc, q, w, bias, lo, hi, residual);
                    oc += 8;
                }
            }
            int rest = oc;
            for (; oc + 4 <= to; oc += 4) four(a, a, in, firstIn, inPer, out, oc, end, w, bias, q, residual);
            for (; oc < to; oc++) one(a, a, in, firstIn, inPer, out[oc], oc, q, end, w, bias, residual == null ? -1 : residual[oc], oc * inPer, 1);
            Simd.clampPlanes(a, out, rest, to, q, end, act);
            p = end;
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
                              float[] bias, float lo, float hi, int[] res) {
        int n = hw - start;
        if (res != null) {  // no tile may overlap another: the residual may lie where the outputs go
            int p = start;
            for (; p + 3 * L <= hw; p += 3 * L) tile8x3(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
            if (p + 2 * L <= hw) {
                tile8x2(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
                p += 2 * L;
            }
            if (p + L <= hw) {
                PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
                p += L;
            }
            if (p < hw) tile8narrow(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res, hw - p);
        } else if (n >= 3 * L) {
            int p = start;
            for (; p + 3 * L <= hw; p += 3 * L) tile8x3(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
            if (hw - p > 2 * L) tile8x3(x, a, in, firstIn, inPer, out, oc, hw - 3 * L, w, bias, lo, hi, res);
            else if (hw - p > L) tile8x2(x, a, in, firstIn, inPer, out, oc, hw - 2 * L, w, bias, lo, hi, res);
            else if (p < hw) PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, hw - L, w, bias, lo, hi, res);
        } else if (n >= 2 * L) {
            tile8x2(x, a, in, firstIn, inPer, out, oc, start, w, bias, lo, hi, res);
            if (n > 2 * L) PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, hw - L, w, bias, lo, hi, res);
        } else if (n >= L) {
            PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, start, w, bias, lo, hi, res);
            if (n > L) PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, hw - L, w, bias, lo, hi, res);
        } else if (n > 0) {
            tile8narrow(x, a, in, firstIn, inPer, out, oc, start, w, bias, lo, hi, res, n);
        }
    }

    /**
     * Eight channels by three vectors of positions from p (7x7 planes' 48 vector positions in one
     * pass over the weights): one tile where its 24 accumulators fit the registers; with sixteen,
     * tiles of about eleven live vectors, two of four channels by two vectors and one of eight by
     * one. A tile that fills all sixteen (4x3) spills in its inner loop: 2.8x slower than these at
     * 232 -> 232 on 14x14 under -XX:UseAVX=2, and the 24-accumulator tile 2.3x slower.
     */
    private static void tile8x3(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias,
                                float lo, float hi, int[] res) {
        if (WIDE_TILES) {
            PositionTiles.tile8x3(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
        } else {
            PositionTiles.tile4x2(x, a, in, firstIn, inPer, out, oc, 0, p, w, bias, lo, hi, res);
            PositionTiles.tile4x2(x, a, in, firstIn, inPer, out, oc, 4, p, w, bias, lo, hi, res);
            PositionTiles.tile8x1(x, a, in, firstIn, inPer, out, oc, p + 2 * L, w, bias, lo, hi, res);
        }
    }

    /** Eight channels by two vectors of positions from p: 16 accumulators, or with sixteen registers twice 8. */
    private static void tile8x2(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias,
                                float lo, float hi, int[] res) {
        if (WIDE_TILES) {
            PositionTiles.tile8x2(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res);
        } else {
            PositionTiles.tile4x2(x, a, in, firstIn, inPer, out, oc, 0, p, w, bias, lo, hi, res);
            PositionTiles.tile4x2(x, a, in, firstIn, inPer, out, oc, 4, p, w, bias, lo, hi, res);
        }
    }

    /**
     * Eight channels by the n positions from p (n < L: planes narrower than a vector, tails that
     * may not overlap). Whole vectors are loaded and the lanes from n on thrown away: a masked load
     * has a slow path that needs its mask as an object, and when the JIT's profile of that shared
     * path says it was taken (anywhere), every call allocates one (16 bytes, 420 times an inference
     * in ShuffleNet v1). Where a vector would run past the array's end, {@link #tile8scalar}.
     */
    private static void tile8narrow(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias,
                                    float lo, float hi, int[] res, int n) {
        int reach = 0;
        for (int ic = 0; ic < inPer; ic++) reach = Math.max(reach, in[firstIn + ic]);
        if (reach + p + L > x.length) {
            tile8scalar(x, a, in, firstIn, inPer, out, oc, p, w, bias, lo, hi, res, n);
            return;
        }
        // The sums go through a scratch row and out lane by lane: the residual, the clamp and masked
        // stores written out for eight vectors made the JIT's first tier give up on this method.
        float[] sums = Simd.scratch(1, 8 * L);
        PositionTiles.sums8x1(x, in, firstIn, inPer, oc, p, w, bias, sums);
        for (int j = 0; j < 8; j++) {
            int o = out[oc + j] + p;
            for (int i = 0; i < n; i++) {
                float v = sums[j * L + i];
                if (res != null) v += a[res[oc + j] + p + i];  // read before the output float in its place is written
                a[o + i] = Math.min(Math.max(v, lo), hi);
            }
        }
    }

    /** {@link #tile8narrow} one float at a time: the last positions of an array. */
    private static void tile8scalar(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int p, float[] w, float[] bias,
                                    float lo, float hi, int[] res, int n) {
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < n; i++) {
                float v = bias == null ? 0f : bias[oc + j];
                for (int ic = 0; ic < inPer; ic++) v += w[oc * inPer + j + 8 * ic] * x[in[firstIn + ic] + p + i];
                if (res != null) v += a[res[oc + j] + p + i];
                a[out[oc + j] + p + i] = Math.min(Math.max(v, lo), hi);
            }
        }
    }

    /** Reads inputs from {@code x}, writes outputs to {@code a} (the same array, except for the stem's row panels). */
    private static void four(float[] x, float[] a, int[] in, int firstIn, int inPer, int[] out, int oc, int hw, float[] w, float[] bias, int start,
                             int[] res) {
        int o0 = out[oc], o1 = out[oc + 1], o2 = out[oc + 2], o3 = out[oc + 3];
        int w0 = oc * inPer, w1 = w0 + inPer, w2 = w1 + inPer, w3 = w2 + inPer;
        float b0 = bias == null ? 0f : bias[oc], b1 = bias == null ? 0f : bias[oc + 1];
        float b2 = bias == null ? 0f : bias[oc + 2], b3 = bias == null ? 0f : bias[oc + 3];
        int p = start;
        for (; p + 2 * L <= hw; p += 2 * L) {
            // Unclamped: the callers clamp these channels' planes after.
            PositionTiles.rows4x2(x, a, in, firstIn, inPer, out, oc, p, w, bias, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, res);
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
            if (res != null) {
                c0 = c0.add(FloatVector.fromArray(S, a, res[oc] + p));
                c1 = c1.add(FloatVector.fromArray(S, a, res[oc + 1] + p));
                c2 = c2.add(FloatVector.fromArray(S, a, res[oc + 2] + p));
                c3 = c3.add(FloatVector.fromArray(S, a, res[oc + 3] + p));
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
            if (res != null) {
                s0 += a[res[oc] + p];
                s1 += a[res[oc + 1] + p];
                s2 += a[res[oc + 2] + p];
                s3 += a[res[oc + 3] + p];
            }
            a[o0 + p] = s0;
            a[o1 + p] = s1;
            a[o2 + p] = s2;
            a[o3 + p] = s3;
        }
    }

    /**
     * One channel into the plane at o; plus the residual plane at r unless r is -1. Its weight for
     * input ic is w[w0 + ic * ws]: ws is 1 in a plain row, 8 inside a block of eight (see {@link #weightAt}).
     */
    private static void one(float[] x, float[] a, int[] in, int firstIn, int inPer, int o, int oc, int start, int hw, float[] w, float[] bias,
                            int r, int w0, int ws) {
        float b = bias == null ? 0f : bias[oc];
        int p = start;
        for (; p + L <= hw; p += L) {
            FloatVector c = FloatVector.broadcast(S, b);
            for (int ic = 0; ic < inPer; ic++) c = FloatVector.fromArray(S, x, in[firstIn + ic] + p).fma(FloatVector.broadcast(S, w[w0 + ic * ws]), c);
            if (r >= 0) c = c.add(FloatVector.fromArray(S, a, r + p));
            c.intoArray(a, o + p);
        }
        for (; p < hw; p++) {
            float s = b;
            for (int ic = 0; ic < inPer; ic++) s += w[w0 + ic * ws] * x[in[firstIn + ic] + p];
            if (r >= 0) s += a[r + p];
            a[o + p] = s;
        }
    }

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
            for (; oc + 4 <= to; oc += 4) four(panel, a, rows, 0, taps, dst, oc, ow, weight, bias, 0, null);
            for (; oc < to; oc++) one(panel, a, rows, 0, taps, dst[oc], oc, 0, ow, weight, bias, -1, oc * taps, 1);
            Simd.clampPlanes(a, dst, from, to, 0, ow, act);
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

    /**
     * A dense 3x3 convolution with pad 1, stride 1 or 2 (the stem, ResNet's blocks): every input
     * channel is split (see {@link Split3x3}), which makes each of the inC * 9 taps a plane along q,
     * and the convolution a 1x1 convolution over those planes, run by the register-blocked kernel.
     */
    static void dense3x3(float[] a, int[] in, int h, int w, int[] out, float[] weight, float[] bias, int inC, int outC, int stride, int act,
                         int from, int to, int rowFrom, int rowTo) {
        int blocked = outC - outC % 8;  // the weights' blocks of eight (see Planar.convWeights)
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
            for (int blocksEnd = Math.min(to, blocked); oc < blocksEnd; ) {
                if (!wholeBlock(oc, 0, blocksEnd)) {  // a thread's share that starts or ends inside a block
                    one(p, a, rows, 0, taps, dst[oc], oc, start, start + ow, weight, bias, -1, weightAt(oc, 0, blocked, taps), 8);
                    Simd.clampPlanes(a, dst, oc, oc + 1, start, start + ow, act);
                    oc++;
                    continue;
                }
                eight(p, a, rows, 0, taps, dst, oc, start, start + ow, weight, bias, Simd.lower(act), Simd.upper(act), null);
                oc += 8;
            }
            int rest = oc;
            for (; oc + 4 <= to; oc += 4) four(p, a, rows, 0, taps, dst, oc, start + ow, weight, bias, start, null);
            for (; oc < to; oc++) one(p, a, rows, 0, taps, dst[oc], oc, start, start + ow, weight, bias, -1, oc * taps, 1);
            Simd.clampPlanes(a, dst, rest, to, start, start + ow, act);
        }
    }
}

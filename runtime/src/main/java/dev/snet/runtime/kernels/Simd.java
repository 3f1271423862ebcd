package dev.snet.runtime.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API kernels share (the species, per-thread scratch, activation clamps)
 * and the small ones: fully connected, residual add, the peak-throughput probe. The convolutions
 * are in {@link SimdMatrix} and {@link SimdWindows}. Loaded only when the JVM has
 * jdk.incubator.vector (see {@link Planar#SIMD}); each kernel has a scalar twin in {@link Planar}
 * that gives the same results up to float rounding.
 */
final class Simd {
    private Simd() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * The sum of L floats a vector was stored to ({@code v.intoArray(lanes, 0)} at the call site:
     * a vector passed to a method the JIT does not inline is boxed on every call), first to last.
     * {@code reduceLanes(ADD)} may add lanes in another order once the JIT compiles it than before,
     * so the same input would give different bits on run 1 and run 1000; a shuffle tree allocates
     * where the JIT has no instruction for the shuffle (128-bit vectors).
     */
    static float sum(float[] lanes) {
        float s = lanes[0];
        for (int i = 1; i < L; i++) s += lanes[i];
        return s;
    }

    /** Room for the lanes {@link #sum} adds, for the calling thread. */
    static float[] lanes() { return scratch(2, L); }
    /** What this JVM's JIT does with vectors; the kernels' variants follow it. */
    static final VectorShape SHAPE = VectorShape.of(S.vectorBitSize());
    /** Lanes 0, 2, 4, ... and 1, 3, 5, ... of two consecutive vectors (indices from L on pick from the second): stride 2's de-interleave. */
    static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);

    /** Per-thread scratch for padded planes; grows to the largest plane seen, then never allocates again. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    /**
     * Fully connected: the features are gathered once into a contiguous row, then outputs are
     * vector dot products, four at a time so that four rows of weights stream in together.
     */
    static void linear(float[] a, int[] in, int planeSize, int[] out, float[] weight, float[] bias, int act, int from, int to) {
        int inF = in.length * planeSize;
        float[] x = scratch(0, inF + L);
        for (int c = 0; c < in.length; c++) System.arraycopy(a, in[c], x, c * planeSize, planeSize);
        int o = from;
        float[] lanes = lanes();
        for (; o + 4 <= to; o += 4) linear4(a, x, inF, out, o, weight, bias, act, lanes);
        for (; o < to; o++) linear1(a, x, inF, out, o, weight, bias, act, lanes);
    }

    /**
     * One row as each row of {@link #linear4} computes it, operation for operation, so that where
     * a thread's share ends changes no bit: lane j's chain of fused multiply-adds over f = j, j + L,
     * ..., the lanes summed in order, then the tail and the bias. Scalar, because a fully connected
     * layer has at most three such rows: vector code called that rarely would stay in the JIT's
     * first tier, which does not compile vectors and allocates them.
     */
    private static void linear1(float[] a, float[] x, int inF, int[] out, int o, float[] weight, float[] bias, int act, float[] lanes) {
        int r0 = o * inF;
        int body = inF - inF % L;
        for (int j = 0; j < L; j++) {
            float acc = 0f;
            for (int f = j; f < body; f += L) acc = Math.fma(weight[r0 + f], x[f], acc);
            lanes[j] = acc;
        }
        float s0 = sum(lanes);
        for (int f = body; f < inF; f++) s0 += weight[r0 + f] * x[f];
        if (bias != null) s0 += bias[o];
        a[out[o]] = Planar.apply(s0, act);
    }

    private static void linear4(float[] a, float[] x, int inF, int[] out, int o, float[] weight, float[] bias, int act, float[] lanes) {
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
        acc0.intoArray(lanes, 0);
        float s0 = sum(lanes);
        acc1.intoArray(lanes, 0);
        float s1 = sum(lanes);
        acc2.intoArray(lanes, 0);
        float s2 = sum(lanes);
        acc3.intoArray(lanes, 0);
        float s3 = sum(lanes);
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
                FloatVector v = FloatVector.fromArray(S, a, i + p).add(FloatVector.fromArray(S, a, j + p));
                v = v.blend(lo, v.lt(lo));
                v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(a, o + p);
            }
            for (; p < planeSize; p++) a[o + p] = Planar.apply(a[i + p] + a[j + p], act);
        }
    }

    /** The mean of each plane of channels [from, to), written to the single float at {@code out[c]}. */
    static void means(float[] a, int[] in, int planeSize, int[] out, int from, int to) {
        float[] lanes = lanes();
        for (int c = from; c < to; c++) {
            int i = in[c];
            FloatVector acc = FloatVector.zero(S);
            int p = 0;
            for (; p + L <= planeSize; p += L) acc = acc.add(FloatVector.fromArray(S, a, i + p));
            acc.intoArray(lanes, 0);
            float sum = sum(lanes);
            for (; p < planeSize; p++) sum += a[i + p];
            a[out[c]] = sum / planeSize;
        }
    }

    /** Vectors a float accumulator adds before it is flushed into a double: batch statistics sum up to millions of values. */
    private static final int FLUSH = 256;

    /** The sum of each plane: float lanes per plane, added up in double (training-mode batch norm's statistics). */
    static void planeSums(float[] a, int[] planes, int planeSize, double[] sums) {
        float[] lanes = lanes();
        for (int c = 0; c < planes.length; c++) {
            int i = planes[c];
            double sum = 0;
            int p = 0;
            while (p + L <= planeSize) {  // float lanes for at most FLUSH vectors, then into the double
                FloatVector acc = FloatVector.zero(S);
                int end = Math.min(planeSize - L + 1, p + FLUSH * L);
                for (; p < end; p += L) acc = acc.add(FloatVector.fromArray(S, a, i + p));
                acc.intoArray(lanes, 0);
                sum += sum(lanes);
            }
            for (; p < planeSize; p++) sum += a[i + p];
            sums[c] += sum;
        }
    }

    /** The sum of (x - mean[c])^2 over each plane, added to {@code squares[c]}. */
    static void planeSquaredDeviations(float[] a, int[] planes, int planeSize, float[] mean, double[] squares) {
        float[] lanes = lanes();
        for (int c = 0; c < planes.length; c++) {
            int i = planes[c];
            FloatVector m = FloatVector.broadcast(S, mean[c]);
            double sum = 0;
            int p = 0;
            while (p + L <= planeSize) {
                FloatVector acc = FloatVector.zero(S);
                int end = Math.min(planeSize - L + 1, p + FLUSH * L);
                for (; p < end; p += L) {
                    FloatVector d = FloatVector.fromArray(S, a, i + p).sub(m);
                    acc = d.fma(d, acc);
                }
                acc.intoArray(lanes, 0);
                sum += sum(lanes);
            }
            for (; p < planeSize; p++) {
                double d = a[i + p] - mean[c];
                sum += d * d;
            }
            squares[c] += sum;
        }
    }

    /**
     * Sets bit {@code word * 64 + j} of {@code bits} where value j of the plane is positive: each
     * plane starts a new word at {@code bits[at]}; returns the word after the plane's last.
     */
    static int positiveBits(float[] a, int plane, int planeSize, long[] bits, int at) {
        int p = 0;
        if (64 % L == 0) {
            for (; p + L <= planeSize; p += L) {
                long m = FloatVector.fromArray(S, a, plane + p).compare(VectorOperators.GT, 0f).toLong();
                bits[at + (p >>> 6)] |= m << (p & 63);
            }
        }
        for (; p < planeSize; p++) if (a[plane + p] > 0f) bits[at + (p >>> 6)] |= 1L << (p & 63);
        return at + ((planeSize + 63) >>> 6);
    }

    /** out = act(out + residual) at positions [p0, p1) of channels [from, to): a fused residual add. */
    static void addPlanes(float[] a, int[] out, int[] residual, int from, int to, int p0, int p1, int act) {
        FloatVector lo = FloatVector.broadcast(S, lower(act)), hi = FloatVector.broadcast(S, upper(act));
        for (int c = from; c < to; c++) {
            int o = out[c];
            int r = residual[c];
            int p = p0;
            for (; p + L <= p1; p += L) {
                FloatVector v = FloatVector.fromArray(S, a, o + p).add(FloatVector.fromArray(S, a, r + p));
                v = v.blend(lo, v.lt(lo));
                v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(a, o + p);
            }
            for (; p < p1; p++) a[o + p] = Planar.apply(a[o + p] + a[r + p], act);
        }
    }

    static float[] scratch(int which, int n) {
        float[][] s = SCRATCH.get();
        if (s[which].length < n) s[which] = new float[n];
        return s[which];
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

    /** Lower and upper bound of an activation's output, for the clamps the kernels write out (see below). */
    static float lower(int act) { return act == Planar.NONE ? Float.NEGATIVE_INFINITY : 0f; }

    static float upper(int act) { return act == Planar.RELU6 ? 6f : Float.POSITIVE_INFINITY; }

    /**
     * The activation over positions [p0, p1) of planes {@code out[from..to)}, in vectors: for
     * stand-alone activations and the matrix kernels' leftover channels (the 8-channel tiles clamp
     * in registers before they store).
     */
    static void clampPlanes(float[] a, int[] out, int from, int to, int p0, int p1, int act) {
        if (act == Planar.NONE) return;
        for (int c = from; c < to; c++) clampRange(a, out[c] + p0, p1 - p0, act);
    }

    /**
     * Whole vectors, then the few floats left one by one. A masked tail here (a 7x7 plane's last
     * float) was compiled as a call the JIT could not inline, so every vector of this method was
     * boxed: 8 MB allocated per ShuffleNet v2 inference, found with JFR's allocation samples.
     */
    private static void clampRange(float[] a, int o, int n, int act) {
        if (act == Planar.NONE) return;
        FloatVector lo = FloatVector.broadcast(S, lower(act)), hi = FloatVector.broadcast(S, upper(act));
        int p = 0;
        for (; p + L <= n; p += L) {
            FloatVector v = FloatVector.fromArray(S, a, o + p);
            v = v.blend(lo, v.lt(lo));
            v.blend(hi, v.compare(VectorOperators.GT, hi)).intoArray(a, o + p);
        }
        for (; p < n; p++) a[o + p] = Planar.apply(a[o + p], act);
    }

    /** h-swish or h-sigmoid (or a clamp) over positions [p0, p1) of planes {@code out[from..to)}, in place. */
    static void activatePlanes(float[] a, int[] out, int from, int to, int p0, int p1, int act) {
        if (act == Planar.RELU || act == Planar.RELU6) {
            clampPlanes(a, out, from, to, p0, p1, act);
            return;
        }
        for (int c = from; c < to; c++) hardRange(a, out[c] + p0, p1 - p0, act == Planar.HSWISH);
    }

    /** relu6(x + 3) / 6, times x for h-swish: whole vectors, then the rest one by one (see clampRange). */
    private static void hardRange(float[] a, int o, int n, boolean swish) {
        FloatVector zero = FloatVector.zero(S), six = FloatVector.broadcast(S, 6f), three = FloatVector.broadcast(S, 3f);
        FloatVector sixth = FloatVector.broadcast(S, 1f / 6f);
        int p = 0;
        for (; p + L <= n; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, o + p);
            FloatVector t = x.add(three);
            t = t.blend(zero, t.lt(zero));
            t = t.blend(six, t.compare(VectorOperators.GT, six)).mul(sixth);
            (swish ? t.mul(x) : t).intoArray(a, o + p);
        }
        for (; p < n; p++) a[o + p] = Activations.apply(a[o + p], swish ? Planar.HSWISH : Planar.HSIGMOID);
    }

    /** x * f over {@code n} floats: squeeze-and-excitation's rescaling of one channel. */
    /** a[o + p] = a[i + p] * k + d, multiply then add (no FMA), as the scalar loop rounds it. */
    static void affineRange(float[] a, int i, int o, int n, float k, float d) {
        FloatVector kv = FloatVector.broadcast(S, k), dv = FloatVector.broadcast(S, d);
        int p = 0;
        for (; p + L <= n; p += L) FloatVector.fromArray(S, a, i + p).mul(kv).add(dv).intoArray(a, o + p);
        for (; p < n; p++) a[o + p] = a[i + p] * k + d;
    }

    static void scaleRange(float[] a, int i, int o, int n, float f) {
        FloatVector fv = FloatVector.broadcast(S, f);
        int p = 0;
        for (; p + L <= n; p += L) FloatVector.fromArray(S, a, i + p).mul(fv).intoArray(a, o + p);
        for (; p < n; p++) a[o + p] = a[i + p] * f;
    }

    /*
     * Clamping to an activation's bounds [lo, hi] is written out in every kernel as two compares
     * and blends (see max: a NaN stays NaN), never called as a helper taking and returning vectors:
     * once such a helper is compiled on its own, C2 may decline to inline it ("callee uses too much
     * stack", "NodeCountInliningCutoff"), and then every vector passed to it or returned from it is
     * boxed, allocating on every call. JitHealthTest catches that.
     */

    /**
     * Peak FP32 throughput of this core, GFLOP/s: twelve independent chains of vector FMAs,
     * enough to keep two FMA pipes of five cycles' latency busy (eight left a Zen 3 core at 60 %
     * of its peak), and few enough for sixteen registers; two rounds of them per iteration, since
     * with one the loop's own instructions cost 14 % (a C loop of the same FMAs, 132 GFLOP/s at
     * 256 bits on an AMD EPYC core: Java 113 with one round, 133 with two).
     */
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
        return n * 24.0 * 2 * L / seconds / 1e9;
    }

    /** A method of its own, so that the JIT compiles it whole (not on-stack) and keeps the vectors in registers. */
    private static float burst(int reps) {
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = FloatVector.broadcast(S, 2f), a2 = FloatVector.broadcast(S, 3f), a3 = FloatVector.broadcast(S, 4f);
        FloatVector a4 = FloatVector.broadcast(S, 5f), a5 = FloatVector.broadcast(S, 6f), a6 = FloatVector.broadcast(S, 7f), a7 = FloatVector.broadcast(S, 8f);
        FloatVector a8 = FloatVector.broadcast(S, 9f), a9 = FloatVector.broadcast(S, 10f), a10 = FloatVector.broadcast(S, 11f), a11 = FloatVector.broadcast(S, 12f);
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f);
        for (int r = 0; r < reps; r++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
    }
}

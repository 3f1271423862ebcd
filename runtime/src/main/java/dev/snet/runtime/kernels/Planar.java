package dev.snet.runtime.kernels;

/**
 * The kernels generated models call. Every tensor lives in one arena as planes: channel c of a
 * tensor is the {@code planeSize} floats at {@code planes[c]}, so split, concat and shuffle never
 * move data. Kernels allocate nothing.
 */
public final class Planar {
    private Planar() {}

    public static final int NONE = 0;
    public static final int RELU = 1;
    public static final int RELU6 = 2;
    /** x * relu6(x + 3) / 6 (MobileNetV3, ShuffleNetV2+). */
    public static final int HSWISH = 3;
    /** relu6(x + 3) / 6, PyTorch's Hardsigmoid. */
    public static final int HSIGMOID = 4;
    /** 1 / (1 + exp(-x)). */
    public static final int SIGMOID = 5;
    /** x / (1 + exp(-x)), PyTorch's SiLU. */
    public static final int SILU = 6;

    /**
     * Whether the Vector API kernels run: the JVM must have jdk.incubator.vector (launch with
     * {@code --add-modules jdk.incubator.vector}) and a JIT that compiles vector FMAs (every x86
     * CPU since 2013 and every AArch64 one; not x86 under {@code -XX:UseAVX=0}, where the Vector
     * API's fma runs lane by lane in Java, allocating, and the scalar kernels, which the JIT
     * vectorises itself, are the faster ones). {@code -Dsnet.scalar=true} forces the scalar ones.
     */
    public static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("snet.scalar") && Simd.SHAPE.fma();

    /** Which kernels run and the vector shape they were chosen for, for benchmarks and notices. */
    public static String implementation() {
        if (SIMD) return "vector (" + Simd.SHAPE.describe() + "): " + SimdMatrix.variant();
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return "scalar (add --add-modules jdk.incubator.vector for SIMD)";
        }
        return Boolean.getBoolean("snet.scalar") ? "scalar (-Dsnet.scalar=true)" : "scalar (this JIT has no vector FMA: " + Simd.SHAPE.describe() + ")";
    }

    /** The vector shape of this JVM, or null where the Vector API is not loaded. */
    public static VectorShape vectorShape() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? Simd.SHAPE : null;
    }

    /** Measured peak FP32 throughput of one core, GFLOP/s: vector FMAs, or scalar ones without SIMD. */
    public static double peakGflops(long nanos) {
        return SIMD ? Simd.peakGflops(nanos) : scalarPeak(nanos);
    }

    private static double scalarPeak(long nanos) {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        float m = 0.999999f;
        float c = 1e-7f;
        long n = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            for (int r = 0; r < 1000; r++) {
                a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c);
                a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            }
            n += 1000;
        }
        if (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 == 42.4242f) System.out.print("");
        return n * 16.0 / ((System.nanoTime() - start) / 1e9) / 1e9;
    }

    public static void load(float[] src, int from, float[] a, int[] planes, int planeSize) {
        for (int c = 0; c < planes.length; c++) System.arraycopy(src, from + c * planeSize, a, planes[c], planeSize);
    }

    public static void store(float[] a, int[] planes, int planeSize, float[] dst, int to) {
        for (int c = 0; c < planes.length; c++) System.arraycopy(a, planes[c], dst, to + c * planeSize, planeSize);
    }

    /** Copies planes (unoptimised split, concat and shuffle). */
    public static void copy(float[] a, int[] from, int[] to, int planeSize) {
        for (int c = 0; c < from.length; c++) System.arraycopy(a, from[c], a, to[c], planeSize);
    }

    /**
     * Convolution with a square kernel, weight [outC, inC / groups, k, k], optional bias, fused
     * activation. Dispatches to the pointwise and depthwise loops when the shape allows.
     */
    public static void conv(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                            int inC, int outC, int k, int stride, int pad, int groups, int act) {
        conv(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, act, 0, outC);
    }

    /**
     * The same for output channels [from, to) only: a worker thread's share. Layers are split by
     * channels, not by rows: a plane written half by one core and half by another shares a cache
     * line at the seam (a float[] has no 64-byte alignment), and with hundreds of planes per layer
     * that false sharing cost more than the second thread saved.
     */
    public static void conv(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                            int inC, int outC, int k, int stride, int pad, int groups, int act, int from, int to) {
        convBlock(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, act, from, to, 0, oh);
    }

    /**
     * A convolution with a residual added before the activation, output channels [from, to):
     * out = act(conv(in) + residual). The 1x1 kernels add the residual to each tile while it is in
     * L1; other shapes compute the convolution, then add. Where {@link #residualMayBeOutput} says
     * so, {@code residual} may be {@code out} itself.
     */
    public static void convAdd(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                               int inC, int outC, int k, int stride, int pad, int groups, int act, int[] residual, int from, int to) {
        if (isPointwise(k, stride, pad)) {
            int clamp = Activations.clampOf(act);
            if (SIMD) SimdMatrix.pointwise(a, in, out, weight, bias, inC, outC, groups, clamp, residual, from, to, 0, oh * ow);
            else pointwiseAdd(a, in, out, weight, bias, inC, outC, groups, clamp, residual, from, to, oh * ow);
            Activations.after(a, out, from, to, 0, oh * ow, act);
            return;
        }
        convBlock(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, NONE, from, to, 0, oh);
        add(a, out, residual, out, oh * ow, act, from, to);
    }

    /**
     * A convolution's weights [outC, inC / groups, k, k] as {@link #conv}, {@link #convRows} and
     * {@link #convAdd} read them; generated models call this once, when they bind their weights.
     * The vector kernels' 1x1 and dense 3x3 convolutions take them <em>blocked</em>: within each
     * group, every eight output channels from the group's first keep the eight rows' place in the
     * array but hold them input by input, eight floats per input (a group's last outC / groups % 8
     * rows stay as they are). A tile of eight channels then reads one stream of consecutive floats
     * instead of eight rows: at batch 1, where every layer's weights come from L3, 1.06-1.16x on
     * ShuffleNet v1's 1x1 layers (`bench/ab.sh ... conv 960 240 7 1 1 3 cold`). Other
     * convolutions, and every convolution on the scalar path, take {@code weight} as it is.
     */
    public static float[] convWeights(float[] weight, int inC, int outC, int k, int stride, int pad, int groups) {
        boolean pointwise = isPointwise(k, stride, pad);
        boolean depthwise = groups == inC && groups == outC;
        boolean dense3x3 = groups == 1 && k == 3 && pad == 1 && (stride == 1 || stride == 2);
        if (!SIMD || !(pointwise || (!depthwise && dense3x3))) return weight;
        int inPer = inC / groups * k * k, outPer = outC / groups, blocked = outPer - outPer % 8;
        float[] w = weight.clone();
        for (int g = 0; g < groups; g++) {
            for (int b = 0; b < blocked; b += 8) {
                int base = (g * outPer + b) * inPer;
                for (int j = 0; j < 8; j++) {
                    for (int ic = 0; ic < inPer; ic++) w[base + 8 * ic + j] = weight[base + j * inPer + ic];
                }
            }
        }
        return w;
    }

    /**
     * Where a convolution's output channels are cut between {@code parts} threads: cuts[i] to
     * cuts[i + 1] is part i's share. Near-equal shares, each cut moved to the nearest start of a
     * block of eight channels within its group where the vector 1x1 kernels compute blocks (see
     * {@link #convWeights}): a cut inside a block leaves both threads channels that go one at a
     * time, several times slower per multiply-add (116 channels halved: six such on one thread).
     * Generated models compute this once, for their pool.
     */
    public static int[] channelShares(int outC, int groups, int k, int stride, int pad, int planeSize, int parts) {
        // Where the vector kernels compute blocks of eight channels (convWeights blocks their weights): a cut
        // inside one would also compute its channels another way, and the bits would depend on the thread count.
        boolean dense3x3 = groups == 1 && k == 3 && pad == 1 && (stride == 1 || stride == 2);
        boolean blocked = SIMD && ((isPointwise(k, stride, pad) && planeSize > SMALL_PLANE) || dense3x3);
        int unit = blocked ? 8 : 1;
        int outPer = outC / groups;
        int whole = outPer - outPer % unit;  // a group's channels in whole blocks; the rest go by fours and ones
        int[] cuts = new int[parts + 1];
        cuts[parts] = outC;
        for (int i = 1; i < parts; i++) {
            int target = (int) ((long) outC * i / parts);
            int g0 = target / outPer * outPer;
            int rel = target - g0;
            int down = g0 + Math.min(rel / unit * unit, whole);
            int up = rel >= whole ? g0 + outPer : g0 + Math.min((rel / unit + 1) * unit, whole);
            cuts[i] = Math.min(outC, Math.max(cuts[i - 1], target - down <= up - target ? down : up));
        }
        return cuts;
    }

    /**
     * Whether {@link #convAdd} with these parameters may write its output over its residual (the
     * same planes): true for the 1x1 kernels, which read each residual float before writing the
     * output float in its place, on planes larger than {@link #SMALL_PLANE} (those add the residual
     * after). The memory plan then puts a residual unit's output where its input was, when nothing
     * reads the input after: half the unit's output lines are not fetched before being written.
     */
    public static boolean residualMayBeOutput(int k, int stride, int pad, int planeSize) {
        return isPointwise(k, stride, pad) && planeSize > SMALL_PLANE;
    }

    /** The scalar {@link #convAdd} of a 1x1 convolution: each output starts as its residual plus the bias. */
    static void pointwiseAdd(float[] a, int[] in, int[] out, float[] weight, float[] bias, int inC, int outC, int groups, int act,
                             int[] residual, int from, int to, int planeSize) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        for (int oc = from; oc < to; oc++) {
            int o = out[oc], r = residual[oc];
            float b = bias == null ? 0f : bias[oc];
            for (int p = 0; p < planeSize; p++) a[o + p] = a[r + p] + b;
            int firstIn = (oc / outPer) * inPer;
            for (int ic = 0; ic < inPer; ic++) {
                float wv = weight[oc * inPer + ic];
                int i = in[firstIn + ic];
                for (int p = 0; p < planeSize; p++) a[o + p] += wv * a[i + p];
            }
            activate(a, o, planeSize, act);
        }
    }

    /**
     * Planes of at most this many positions (4x4 and smaller) take their 1x1 convolutions from
     * {@link #pointwiseSmall}, with weights packed by {@link #channelsLast}.
     */
    public static final int SMALL_PLANE = 16;

    /**
     * A 1x1 convolution's weight [outC, inC / groups] and bias (null: zero) packed for
     * {@link #pointwiseSmall}: per group, input channel by input channel, the group's output
     * channels side by side; then the bias of every output channel; then zeros, so that a vector
     * read past the last channel stays inside the array.
     */
    public static float[] channelsLast(float[] weight, float[] bias, int inC, int outC, int groups) {
        int inPer = inC / groups, outPer = outC / groups;
        float[] packed = new float[outC * inPer + outC + PACK_PAD];
        for (int g = 0; g < groups; g++) {
            for (int o = 0; o < outPer; o++) {
                for (int ic = 0; ic < inPer; ic++) packed[(g * inPer + ic) * outPer + o] = weight[(g * outPer + o) * inPer + ic];
            }
        }
        if (bias != null) System.arraycopy(bias, 0, packed, outC * inPer, outC);
        return packed;
    }

    /** Zeros after packed weights: two vectors of the widest species (512 bits). */
    private static final int PACK_PAD = 32;

    /**
     * 1x1 convolution on small planes (see {@link #SMALL_PLANE}), output channels [from, to), with
     * weights from {@link #channelsLast}; with a {@code residual} (planes, or null), out =
     * act(conv + residual). A 4x4 plane is a single vector of positions: tiles over positions would
     * load one input vector and eight weights for every eight multiply-adds. Here the vector lanes
     * hold output channels instead, and each weight vector serves eight positions.
     */
    public static void pointwiseSmall(float[] a, int[] in, int[] out, int planeSize, float[] packed, int inC, int outC, int groups, int act,
                                      int[] residual, int from, int to) {
        int clamp = Activations.clampOf(act);
        if (SIMD) {
            SimdMatrix.pointwiseChannelsLast(a, in, out, planeSize, packed, inC, outC, groups, clamp, residual, from, to);
        } else {
            pointwiseSmallScalar(a, in, out, planeSize, packed, inC, outC, groups, clamp, residual, from, to);
        }
        Activations.after(a, out, from, to, 0, planeSize, act);
    }

    static void pointwiseSmallScalar(float[] a, int[] in, int[] out, int planeSize, float[] packed, int inC, int outC, int groups, int act,
                                     int[] residual, int from, int to) {
        int inPer = inC / groups, outPer = outC / groups, biasAt = outC * inPer;
        for (int oc = from; oc < to; oc++) {
            int g = oc / outPer, o = out[oc];
            for (int p = 0; p < planeSize; p++) a[o + p] = packed[biasAt + oc];
            for (int ic = 0; ic < inPer; ic++) {
                float wv = packed[(g * inPer + ic) * outPer + oc - g * outPer];
                int i = in[g * inPer + ic];
                for (int p = 0; p < planeSize; p++) a[o + p] += wv * a[i + p];
            }
            if (residual != null) for (int p = 0; p < planeSize; p++) a[o + p] += a[residual[oc] + p];
            activate(a, o, planeSize, act);
        }
    }

    /**
     * The same for output rows [rowFrom, rowTo) of every channel: a worker thread's share of a dense
     * convolution such as the stem, where each thread would otherwise prepare the whole input
     * (see {@code SimdMatrix.dense3x3}); by rows, it prepares only the band it reads. Its planes are few,
     * so the cache line shared at each seam costs little.
     */
    public static void convRows(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                                int inC, int outC, int k, int stride, int pad, int groups, int act, int rowFrom, int rowTo) {
        convBlock(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, act, 0, outC, rowFrom, rowTo);
    }

    /** Output channels [from, to) by output rows [rowFrom, rowTo): every kernel computes such a block. */
    static void convBlock(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                          int inC, int outC, int k, int stride, int pad, int groups, int act, int from, int to, int rowFrom, int rowTo) {
        convClamped(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, Activations.clampOf(act), from, to, rowFrom, rowTo);
        Activations.after(a, out, from, to, rowFrom * ow, rowTo * ow, act);
    }

    /** {@link #convBlock} with a clamp activation (or none), which every kernel applies in registers before it stores. */
    private static void convClamped(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                                    int inC, int outC, int k, int stride, int pad, int groups, int act, int from, int to, int rowFrom, int rowTo) {
        if (isPointwise(k, stride, pad)) {
            if (SIMD) SimdMatrix.pointwise(a, in, out, weight, bias, inC, outC, groups, act, null, from, to, rowFrom * w, rowTo * w);
            else pointwise(a, in, out, weight, bias, inC, outC, groups, act, from, to, rowFrom * w, rowTo * w);
        } else if (groups == inC && groups == outC) {
            if (SIMD && k == 3 && pad == 1 && NarrowWindows.fits(w, stride)) {
                NarrowWindows.window3x3(a, in, h, w, out, stride, weight, bias, 1f, act, from, to, rowFrom, rowTo);
            } else if (SIMD && k == 3 && pad == 1 && WideWindows.fits(w, stride)) {
                WideWindows.window3x3(a, in, h, w, out, weight, bias, 1f, act, from, to, rowFrom, rowTo);
            } else if (SIMD && k == 3 && pad == 1 && (stride == 1 || stride == 2)) {
                SimdWindows.window3x3(a, in, h, w, out, stride, weight, bias, 1f, act, from, to, rowFrom, rowTo);
            } else if (SIMD && SimdDepthwise.fits(k, stride, pad)) {
                SimdDepthwise.conv(a, in, h, w, out, oh, ow, weight, bias, k, stride, pad, act, from, to, rowFrom, rowTo);
            } else {
                depthwise(a, in, h, w, out, oh, ow, weight, bias, k, stride, pad, act, from, to, rowFrom, rowTo);
            }
        } else if (SIMD && groups == 1 && k == 3 && pad == 1 && (stride == 1 || stride == 2)) {
            SimdMatrix.dense3x3(a, in, h, w, out, weight, bias, inC, outC, stride, act, from, to, rowFrom, rowTo);
        } else if (SIMD && groups == 1) {
            SimdMatrix.denseByRows(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, act, from, to, rowFrom, rowTo);
        } else {
            direct(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, act, from, to, rowFrom, rowTo);
        }
    }

    /**
     * Whether a convolution takes the 1x1 kernels (with blocked weights on planes larger than
     * {@link #SMALL_PLANE}, channels-last ones on smaller): the one test the weight layout, the
     * dispatch, the threads' shares and the memory plan's in-place rule all go by.
     */
    public static boolean isPointwise(int k, int stride, int pad) {
        return k == 1 && stride == 1 && pad == 0;
    }

    /** A clamp activation (or none) of one value: the kernels' scalar tails. */
    static float apply(float v, int act) {
        return act == NONE ? v : act == RELU ? Math.max(v, 0f) : Math.min(Math.max(v, 0f), 6f);
    }

    static void pointwise(float[] a, int[] in, int[] out, float[] weight, float[] bias, int inC, int outC, int groups, int act,
                          int from, int to, int p0, int p1) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        for (int oc = from; oc < to; oc++) {
            int o = out[oc];
            float b = bias == null ? 0f : bias[oc];
            for (int p = p0; p < p1; p++) a[o + p] = b;
            int firstIn = (oc / outPer) * inPer;
            for (int ic = 0; ic < inPer; ic++) {
                float wv = weight[oc * inPer + ic];
                int i = in[firstIn + ic];
                for (int p = p0; p < p1; p++) a[o + p] += wv * a[i + p];
            }
            activate(a, o + p0, p1 - p0, act);
        }
    }

    static void depthwise(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                          int k, int stride, int pad, int act, int from, int to, int rowFrom, int rowTo) {
        for (int c = from; c < to; c++) {
            int i = in[c];
            int o = out[c];
            int wb = c * k * k;
            float b = bias == null ? 0f : bias[c];
            for (int oy = rowFrom; oy < rowTo; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float acc = b;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) continue;
                        int row = i + iy * w;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - pad + kx;
                            if (ix >= 0 && ix < w) acc += weight[wb + ky * k + kx] * a[row + ix];
                        }
                    }
                    a[o + oy * ow + ox] = acc;
                }
            }
            activate(a, o + rowFrom * ow, (rowTo - rowFrom) * ow, act);
        }
    }

    static void direct(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                       int inC, int outC, int k, int stride, int pad, int groups, int act, int from, int to, int rowFrom, int rowTo) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        for (int oc = from; oc < to; oc++) {
            int o = out[oc];
            float b = bias == null ? 0f : bias[oc];
            for (int p = rowFrom * ow; p < rowTo * ow; p++) a[o + p] = b;
            int firstIn = (oc / outPer) * inPer;
            for (int ic = 0; ic < inPer; ic++) {
                int i = in[firstIn + ic];
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float wv = weight[((oc * inPer + ic) * k + ky) * k + kx];
                        // Output columns whose input column lies inside the image.
                        int oxLo = Math.max(0, ceilDiv(pad - kx, stride));
                        int oxHi = Math.min(ow, ceilDiv(w + pad - kx, stride));
                        for (int oy = rowFrom; oy < rowTo; oy++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= h) continue;
                            int orow = o + oy * ow;
                            int irow = i + iy * w - pad + kx;
                            for (int ox = oxLo; ox < oxHi; ox++) a[orow + ox] += wv * a[irow + ox * stride];
                        }
                    }
                }
            }
            activate(a, o + rowFrom * ow, (rowTo - rowFrom) * ow, act);
        }
    }

    private static int ceilDiv(int x, int y) { return -Math.floorDiv(-x, y); }

    /** Batch norm that could not be folded: x * scale + shift per channel. */
    public static void affine(float[] a, int[] in, int[] out, int planeSize, float[] scale, float[] shift, int act) {
        if (SIMD) {
            for (int c = 0; c < in.length; c++) Simd.affineRange(a, in[c], out[c], planeSize, scale[c], shift[c]);
            Activations.planes(a, out, 0, out.length, 0, planeSize, act);
            return;
        }
        for (int c = 0; c < in.length; c++) {
            int i = in[c];
            int o = out[c];
            for (int p = 0; p < planeSize; p++) a[o + p] = a[i + p] * scale[c] + shift[c];
        }
        Activations.planes(a, out, 0, out.length, 0, planeSize, act);
    }

    /** Adds each plane's sum to {@code sums[c]}: the first pass of batch statistics. */
    public static void planeSums(float[] a, int[] planes, int planeSize, double[] sums) {
        if (SIMD) {
            Simd.planeSums(a, planes, planeSize, sums);
            return;
        }
        for (int c = 0; c < planes.length; c++) {
            double s = 0;
            for (int p = 0; p < planeSize; p++) s += a[planes[c] + p];
            sums[c] += s;
        }
    }

    /** Adds each plane's sum of squared deviations from {@code mean[c]} to {@code squares[c]}: the second pass. */
    public static void planeSquaredDeviations(float[] a, int[] planes, int planeSize, float[] mean, double[] squares) {
        if (SIMD) {
            Simd.planeSquaredDeviations(a, planes, planeSize, mean, squares);
            return;
        }
        for (int c = 0; c < planes.length; c++) {
            double s = 0;
            for (int p = 0; p < planeSize; p++) {
                double d = a[planes[c] + p] - mean[c];
                s += d * d;
            }
            squares[c] += s;
        }
    }

    /**
     * A binary code of the planes, 1 where a value is positive, each plane from a new 64-bit word
     * (padding bits stay 0): NASWOT's activation pattern. Returns the words it filled.
     */
    public static int positiveBits(float[] a, int[] planes, int planeSize, long[] bits) {
        int at = 0;
        for (int plane : planes) {
            if (SIMD) {
                at = Simd.positiveBits(a, plane, planeSize, bits, at);
            } else {
                for (int p = 0; p < planeSize; p++) if (a[plane + p] > 0f) bits[at + (p >>> 6)] |= 1L << (p & 63);
                at += (planeSize + 63) >>> 6;
            }
        }
        return at;
    }

    /** Words {@link #positiveBits} needs for this many planes. */
    public static int positiveBitWords(int planes, int planeSize) { return planes * ((planeSize + 63) >>> 6); }

    /** An activation that could not be fused into the op before it. */
    public static void activation(float[] a, int[] in, int[] out, int planeSize, int act) {
        activation(a, in, out, planeSize, act, 0, out.length);
    }

    /** Channels [from, to) only: a worker thread's share. */
    public static void activation(float[] a, int[] in, int[] out, int planeSize, int act, int from, int to) {
        for (int c = from; c < to; c++) if (in[c] != out[c]) System.arraycopy(a, in[c], a, out[c], planeSize);
        Activations.planes(a, out, from, to, 0, planeSize, act);
    }

    public static void add(float[] a, int[] x, int[] y, int[] out, int planeSize, int act) {
        add(a, x, y, out, planeSize, act, 0, out.length);
    }

    /** The residual add of channels [from, to) only: a worker thread's share. */
    public static void add(float[] a, int[] x, int[] y, int[] out, int planeSize, int act, int from, int to) {
        int clamp = Activations.clampOf(act);
        if (SIMD) {
            Simd.add(a, x, y, out, planeSize, clamp, from, to);
        } else {
            for (int c = from; c < to; c++) {
                int i = x[c];
                int j = y[c];
                int o = out[c];
                for (int p = 0; p < planeSize; p++) a[o + p] = a[i + p] + a[j + p];
                activate(a, o, planeSize, clamp);
            }
        }
        Activations.after(a, out, from, to, 0, planeSize, act);
    }

    /**
     * x times a per-channel factor, channels [from, to): squeeze-and-excitation's rescaling, with
     * {@code s} the planes of a [C, 1, 1] tensor. {@code out} may equal {@code x}.
     */
    public static void scale(float[] a, int[] x, int[] s, int[] out, int planeSize, int from, int to) {
        for (int c = from; c < to; c++) {
            int i = x[c], o = out[c];
            float f = a[s[c]];
            if (SIMD) Simd.scaleRange(a, i, o, planeSize, f);
            else for (int p = 0; p < planeSize; p++) a[o + p] = a[i + p] * f;
        }
    }

    public static void scale(float[] a, int[] x, int[] s, int[] out, int planeSize) {
        scale(a, x, s, out, planeSize, 0, out.length);
    }

    public static void maxPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad) {
        maxPool(a, in, h, w, out, oh, ow, k, stride, pad, 0, in.length);
    }

    /** Max pooling of channels [from, to) only: a worker thread's share. */
    public static void maxPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad, int from, int to) {
        maxPoolBlock(a, in, h, w, out, oh, ow, k, stride, pad, from, to, 0, oh);
    }

    static void maxPoolBlock(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad,
                             int from, int to, int rowFrom, int rowTo) {
        if (SIMD && k == 3 && pad == 1 && WideWindows.fits(w, stride) && oh == (h - 1) / stride + 1 && ow == w / 2) {
            WideWindows.maxPool3x3(a, in, h, w, out, from, to, rowFrom, rowTo);
            return;
        }
        if (SIMD && k == 3 && pad == 1 && (stride == 1 || stride == 2) && oh == (h - 1) / stride + 1 && ow == (w - 1) / stride + 1) {
            SimdWindows.maxPool3x3(a, in, h, w, out, stride, from, to, rowFrom, rowTo);
            return;
        }
        for (int c = from; c < to; c++) Reference.maxPoolPlane(a, in[c], a, out[c], h, w, oh, ow, k, stride, pad, rowFrom, rowTo);
    }

    /** Average pooling with PyTorch's divisor (see {@link Reference#avgPool}). */
    public static void avgPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad, boolean countIncludePad) {
        avgPool(a, in, h, w, out, oh, ow, k, stride, pad, countIncludePad, 0, in.length);
    }

    /** Average pooling of channels [from, to) only: a worker thread's share. */
    public static void avgPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad, boolean countIncludePad,
                               int from, int to) {
        avgPoolBlock(a, in, h, w, out, oh, ow, k, stride, pad, countIncludePad, from, to, 0, oh);
    }

    static void avgPoolBlock(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad,
                             boolean countIncludePad, int from, int to, int rowFrom, int rowTo) {
        // ShuffleNet's shortcut (3x3, stride 2, pad 1, padding counted): every window holds 9 places.
        if (SIMD && k == 3 && pad == 1 && (stride == 1 || stride == 2) && countIncludePad && (oh - 1) * stride + k <= h + 2 * pad
                && (ow - 1) * stride + k <= w + 2 * pad && oh == (h - 1) / stride + 1 && ow == (w - 1) / stride + 1) {
            if (NarrowWindows.fits(w, stride)) NarrowWindows.window3x3(a, in, h, w, out, stride, null, null, 1f / 9, NONE, from, to, rowFrom, rowTo);
            else if (WideWindows.fits(w, stride)) WideWindows.window3x3(a, in, h, w, out, null, null, 1f / 9, NONE, from, to, rowFrom, rowTo);
            else SimdWindows.window3x3(a, in, h, w, out, stride, null, null, 1f / 9, NONE, from, to, rowFrom, rowTo);
            return;
        }
        if (k == h && k == w && pad == 0 && oh == 1 && ow == 1) {
            // One window over the whole plane (CIFAR's final 4x4 pool): the plane's mean.
            if (rowFrom < rowTo) means(a, in, h * w, out, from, to);
            return;
        }
        for (int c = from; c < to; c++) {
            Reference.avgPoolPlane(a, in[c], a, out[c], h, w, oh, ow, k, stride, pad, countIncludePad, rowFrom, rowTo);
        }
    }

    public static void globalAvgPool(float[] a, int[] in, int planeSize, int[] out) {
        means(a, in, planeSize, out, 0, in.length);
    }

    private static void means(float[] a, int[] in, int planeSize, int[] out, int from, int to) {
        if (SIMD) {
            Simd.means(a, in, planeSize, out, from, to);
            return;
        }
        for (int c = from; c < to; c++) {
            float sum = 0f;
            for (int p = 0; p < planeSize; p++) sum += a[in[c] + p];
            a[out[c]] = sum / planeSize;
        }
    }

    /** Fully connected over features f = c * planeSize + j of the input planes; weight [outF, inF]. */
    public static void linear(float[] a, int[] in, int planeSize, int[] out, float[] weight, float[] bias, int act) {
        linear(a, in, planeSize, out, weight, bias, act, 0, out.length);
    }

    /** Outputs [from, to) only: a worker thread's share. */
    public static void linear(float[] a, int[] in, int planeSize, int[] out, float[] weight, float[] bias, int act, int from, int to) {
        if (SIMD) {
            Simd.linear(a, in, planeSize, out, weight, bias, Activations.clampOf(act), from, to);
            Activations.after(a, out, from, to, 0, 1, act);
            return;
        }
        int inF = in.length * planeSize;
        for (int o = from; o < to; o++) {
            float acc = bias == null ? 0f : bias[o];
            int row = o * inF;
            for (int c = 0; c < in.length; c++) {
                int base = in[c];
                int wb = row + c * planeSize;
                for (int j = 0; j < planeSize; j++) acc += weight[wb + j] * a[base + j];
            }
            a[out[o]] = Activations.apply(acc, act);
        }
    }

    /** Softmax over channels at each position; {@code out} may equal {@code in}. */
    public static void softmax(float[] a, int[] in, int planeSize, int[] out) {
        for (int p = 0; p < planeSize; p++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < in.length; c++) max = Math.max(max, a[in[c] + p]);
            double sum = 0;
            for (int c = 0; c < in.length; c++) sum += Math.exp(a[in[c] + p] - max);
            for (int c = 0; c < in.length; c++) a[out[c] + p] = (float) (Math.exp(a[in[c] + p] - max) / sum);
        }
    }

    /** A clamp activation (or none) over {@code n} floats from {@code from}: the scalar kernels' epilogue. */
    static void activate(float[] a, int from, int n, int act) {
        if (act == RELU) {
            for (int p = from; p < from + n; p++) a[p] = Math.max(a[p], 0f);
        } else if (act == RELU6) {
            for (int p = from; p < from + n; p++) a[p] = Math.min(Math.max(a[p], 0f), 6f);
        }
    }
}

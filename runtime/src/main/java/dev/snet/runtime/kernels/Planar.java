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
        if (k == 1 && stride == 1 && pad == 0) {
            pointwise(a, in, out, h * w, weight, bias, inC, outC, groups, act);
        } else if (groups == inC && groups == outC) {
            depthwise(a, in, h, w, out, oh, ow, weight, bias, outC, k, stride, pad, act);
        } else {
            direct(a, in, h, w, out, oh, ow, weight, bias, inC, outC, k, stride, pad, groups, act);
        }
    }

    static void pointwise(float[] a, int[] in, int[] out, int hw, float[] weight, float[] bias, int inC, int outC, int groups, int act) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        for (int oc = 0; oc < outC; oc++) {
            int o = out[oc];
            float b = bias == null ? 0f : bias[oc];
            for (int p = 0; p < hw; p++) a[o + p] = b;
            int firstIn = (oc / outPer) * inPer;
            for (int ic = 0; ic < inPer; ic++) {
                float wv = weight[oc * inPer + ic];
                int i = in[firstIn + ic];
                for (int p = 0; p < hw; p++) a[o + p] += wv * a[i + p];
            }
            activate(a, o, hw, act);
        }
    }

    static void depthwise(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                          int channels, int k, int stride, int pad, int act) {
        for (int c = 0; c < channels; c++) {
            int i = in[c];
            int o = out[c];
            int wb = c * k * k;
            float b = bias == null ? 0f : bias[c];
            for (int oy = 0; oy < oh; oy++) {
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
            activate(a, o, oh * ow, act);
        }
    }

    static void direct(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, float[] weight, float[] bias,
                       int inC, int outC, int k, int stride, int pad, int groups, int act) {
        int inPer = inC / groups;
        int outPer = outC / groups;
        for (int oc = 0; oc < outC; oc++) {
            int o = out[oc];
            float b = bias == null ? 0f : bias[oc];
            for (int p = 0; p < oh * ow; p++) a[o + p] = b;
            int firstIn = (oc / outPer) * inPer;
            for (int ic = 0; ic < inPer; ic++) {
                int i = in[firstIn + ic];
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float wv = weight[((oc * inPer + ic) * k + ky) * k + kx];
                        // Output columns whose input column lies inside the image.
                        int oxLo = Math.max(0, ceilDiv(pad - kx, stride));
                        int oxHi = Math.min(ow, ceilDiv(w + pad - kx, stride));
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * stride - pad + ky;
                            if (iy < 0 || iy >= h) continue;
                            int orow = o + oy * ow;
                            int irow = i + iy * w - pad + kx;
                            for (int ox = oxLo; ox < oxHi; ox++) a[orow + ox] += wv * a[irow + ox * stride];
                        }
                    }
                }
            }
            activate(a, o, oh * ow, act);
        }
    }

    private static int ceilDiv(int x, int y) { return -Math.floorDiv(-x, y); }

    /** Batch norm that could not be folded: x * scale + shift per channel. */
    public static void affine(float[] a, int[] in, int[] out, int planeSize, float[] scale, float[] shift, int act) {
        for (int c = 0; c < in.length; c++) {
            int i = in[c];
            int o = out[c];
            for (int p = 0; p < planeSize; p++) a[o + p] = a[i + p] * scale[c] + shift[c];
            activate(a, o, planeSize, act);
        }
    }

    /** A ReLU or ReLU6 that could not be fused into the op before it. */
    public static void activation(float[] a, int[] in, int[] out, int planeSize, int act) {
        for (int c = 0; c < in.length; c++) {
            if (in[c] != out[c]) System.arraycopy(a, in[c], a, out[c], planeSize);
            activate(a, out[c], planeSize, act);
        }
    }

    public static void add(float[] a, int[] x, int[] y, int[] out, int planeSize, int act) {
        for (int c = 0; c < out.length; c++) {
            int i = x[c];
            int j = y[c];
            int o = out[c];
            for (int p = 0; p < planeSize; p++) a[o + p] = a[i + p] + a[j + p];
            activate(a, o, planeSize, act);
        }
    }

    public static void maxPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad) {
        for (int c = 0; c < in.length; c++) {
            int i = in[c];
            int o = out[c];
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - pad + ky;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - pad + kx;
                            if (ix >= 0 && ix < w) m = Math.max(m, a[i + iy * w + ix]);
                        }
                    }
                    a[o + oy * ow + ox] = m;
                }
            }
        }
    }

    /** Average pooling with PyTorch's divisor (see {@link Reference#avgPool}). */
    public static void avgPool(float[] a, int[] in, int h, int w, int[] out, int oh, int ow, int k, int stride, int pad, boolean countIncludePad) {
        for (int c = 0; c < in.length; c++) {
            int i = in[c];
            int o = out[c];
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int y0 = oy * stride - pad;
                    int x0 = ox * stride - pad;
                    int y1 = Math.min(y0 + k, h + pad);
                    int x1 = Math.min(x0 + k, w + pad);
                    int padded = (y1 - y0) * (x1 - x0);
                    y0 = Math.max(y0, 0);
                    x0 = Math.max(x0, 0);
                    y1 = Math.min(y1, h);
                    x1 = Math.min(x1, w);
                    float sum = 0f;
                    for (int iy = y0; iy < y1; iy++) for (int ix = x0; ix < x1; ix++) sum += a[i + iy * w + ix];
                    a[o + oy * ow + ox] = sum / (countIncludePad ? padded : (y1 - y0) * (x1 - x0));
                }
            }
        }
    }

    public static void globalAvgPool(float[] a, int[] in, int planeSize, int[] out) {
        for (int c = 0; c < in.length; c++) {
            float sum = 0f;
            for (int p = 0; p < planeSize; p++) sum += a[in[c] + p];
            a[out[c]] = sum / planeSize;
        }
    }

    /** Fully connected over features f = c * planeSize + j of the input planes; weight [outF, inF]. */
    public static void linear(float[] a, int[] in, int planeSize, int[] out, float[] weight, float[] bias, int act) {
        int inF = in.length * planeSize;
        for (int o = 0; o < out.length; o++) {
            float acc = bias == null ? 0f : bias[o];
            int row = o * inF;
            for (int c = 0; c < in.length; c++) {
                int base = in[c];
                int wb = row + c * planeSize;
                for (int j = 0; j < planeSize; j++) acc += weight[wb + j] * a[base + j];
            }
            a[out[o]] = act == NONE ? acc : act == RELU ? Math.max(acc, 0f) : Math.min(Math.max(acc, 0f), 6f);
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

    static void activate(float[] a, int from, int n, int act) {
        if (act == RELU) {
            for (int p = from; p < from + n; p++) a[p] = Math.max(a[p], 0f);
        } else if (act == RELU6) {
            for (int p = from; p < from + n; p++) a[p] = Math.min(Math.max(a[p], 0f), 6f);
        }
    }
}

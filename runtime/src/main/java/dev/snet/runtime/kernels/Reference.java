package dev.snet.runtime.kernels;

/**
 * Plain, obviously correct kernels for every op of the language, on NCHW float32 arrays with a
 * batch dimension. They are the oracle the fast kernels and the compiler's passes are tested
 * against: clarity over speed, and the same arithmetic order as PyTorch where it matters.
 */
public final class Reference {
    private Reference() {}

    /** Output size of a convolution or pooling window along one axis. */
    public static int outputSize(int size, int kernel, int stride, int pad) {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    /**
     * Grouped 2-D convolution. {@code weight} is [outC, inC / groups, k, k]; {@code bias} may be null.
     */
    public static float[] conv2d(float[] x, int n, int inC, int h, int w, float[] weight, float[] bias,
                                 int outC, int k, int stride, int pad, int groups) {
        int oh = outputSize(h, k, stride, pad);
        int ow = outputSize(w, k, stride, pad);
        int inPerGroup = inC / groups;
        int outPerGroup = outC / groups;
        float[] y = new float[n * outC * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < outC; oc++) {
                int g = oc / outPerGroup;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float acc = bias == null ? 0f : bias[oc];
                        for (int ic = 0; ic < inPerGroup; ic++) {
                            int c = g * inPerGroup + ic;
                            for (int ky = 0; ky < k; ky++) {
                                int iy = oy * stride - pad + ky;
                                if (iy < 0 || iy >= h) continue;
                                for (int kx = 0; kx < k; kx++) {
                                    int ix = ox * stride - pad + kx;
                                    if (ix < 0 || ix >= w) continue;
                                    acc += x[((b * inC + c) * h + iy) * w + ix] * weight[((oc * inPerGroup + ic) * k + ky) * k + kx];
                                }
                            }
                        }
                        y[((b * outC + oc) * oh + oy) * ow + ox] = acc;
                    }
                }
            }
        }
        return y;
    }

    /** Inference batch norm: (x - mean) / sqrt(var + eps) * gamma + beta, per channel. */
    public static float[] batchNorm(float[] x, int n, int c, int hw, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
        float[] y = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            float invStd = (float) (1.0 / Math.sqrt(var[ch] + eps));
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * hw;
                for (int i = 0; i < hw; i++) y[base + i] = (x[base + i] - mean[ch]) * invStd * gamma[ch] + beta[ch];
            }
        }
        return y;
    }

    public static float[] relu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0f);
        return y;
    }

    /** Channel shuffle: channels viewed as [groups, c / groups], transposed to [c / groups, groups]. */
    public static float[] shuffle(float[] x, int n, int c, int hw, int groups) {
        float[] y = new float[x.length];
        int perGroup = c / groups;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < perGroup; j++) {
                    System.arraycopy(x, (b * c + g * perGroup + j) * hw, y, (b * c + j * groups + g) * hw, hw);
                }
            }
        }
        return y;
    }

    /** Channels [start, start + count). */
    public static float[] slice(float[] x, int n, int c, int hw, int start, int count) {
        float[] y = new float[n * count * hw];
        for (int b = 0; b < n; b++) System.arraycopy(x, (b * c + start) * hw, y, b * count * hw, count * hw);
        return y;
    }

    /** Concatenation along channels; {@code channels[i]} is the channel count of {@code parts[i]}. */
    public static float[] concat(float[][] parts, int[] channels, int n, int hw) {
        int total = 0;
        for (int c : channels) total += c;
        float[] y = new float[n * total * hw];
        for (int b = 0; b < n; b++) {
            int offset = 0;
            for (int p = 0; p < parts.length; p++) {
                System.arraycopy(parts[p], b * channels[p] * hw, y, (b * total + offset) * hw, channels[p] * hw);
                offset += channels[p];
            }
        }
        return y;
    }

    /** Any activation ({@code Planar.RELU}, {@code Planar.HSWISH}...), element by element, in double precision. */
    public static float[] activation(float[] x, int act) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = (float) switch (act) {
                case Planar.NONE -> v;
                case Planar.RELU -> Math.max(v, 0);
                case Planar.RELU6 -> Math.min(Math.max(v, 0), 6);
                case Planar.HSWISH -> v * Math.min(Math.max(v + 3, 0), 6) / 6;
                case Planar.HSIGMOID -> Math.min(Math.max(v + 3, 0), 6) / 6;
                case Planar.SIGMOID -> 1 / (1 + Math.exp(-v));
                case Planar.SILU -> v / (1 + Math.exp(-v));
                default -> throw new IllegalArgumentException("no activation " + act);
            };
        }
        return y;
    }

    /** x [n, c, hw] times s [n, c]: each channel by its factor (squeeze-and-excitation). */
    public static float[] scale(float[] x, float[] s, int n, int c, int hw) {
        float[] y = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                float f = s[b * c + ch];
                for (int p = 0; p < hw; p++) y[(b * c + ch) * hw + p] = x[(b * c + ch) * hw + p] * f;
            }
        }
        return y;
    }

    public static float[] add(float[] a, float[] b) {
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
        return y;
    }

    /** Max pooling; padding never wins (it counts as minus infinity). */
    public static float[] maxPool(float[] x, int n, int c, int h, int w, int k, int stride, int pad) {
        int oh = outputSize(h, k, stride, pad);
        int ow = outputSize(w, k, stride, pad);
        float[] y = new float[n * c * oh * ow];
        for (int plane = 0; plane < n * c; plane++) maxPoolPlane(x, plane * h * w, y, plane * oh * ow, h, w, oh, ow, k, stride, pad);
        return y;
    }

    /** One plane of max pooling, from x[xAt] (h x w) to y[yAt] (oh x ow); the planar kernels use it too. */
    public static void maxPoolPlane(float[] x, int xAt, float[] y, int yAt, int h, int w, int oh, int ow, int k, int stride, int pad) {
        maxPoolPlane(x, xAt, y, yAt, h, w, oh, ow, k, stride, pad, 0, oh);
    }

    /** The same for output rows [rowFrom, rowTo) only. */
    public static void maxPoolPlane(float[] x, int xAt, float[] y, int yAt, int h, int w, int oh, int ow, int k, int stride, int pad,
                                    int rowFrom, int rowTo) {
        for (int oy = rowFrom; oy < rowTo; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int ky = 0; ky < k; ky++) {
                    int iy = oy * stride - pad + ky;
                    if (iy < 0 || iy >= h) continue;
                    for (int kx = 0; kx < k; kx++) {
                        int ix = ox * stride - pad + kx;
                        if (ix >= 0 && ix < w) m = Math.max(m, x[xAt + iy * w + ix]);
                    }
                }
                y[yAt + oy * ow + ox] = m;
            }
        }
    }

    /**
     * Average pooling with PyTorch's divisor: with {@code countIncludePad} the window is counted up
     * to the padded border (but not beyond it); without, only the elements inside the input count.
     */
    public static float[] avgPool(float[] x, int n, int c, int h, int w, int k, int stride, int pad, boolean countIncludePad) {
        int oh = outputSize(h, k, stride, pad);
        int ow = outputSize(w, k, stride, pad);
        float[] y = new float[n * c * oh * ow];
        for (int plane = 0; plane < n * c; plane++) {
            avgPoolPlane(x, plane * h * w, y, plane * oh * ow, h, w, oh, ow, k, stride, pad, countIncludePad);
        }
        return y;
    }

    /** One plane of average pooling, from x[xAt] (h x w) to y[yAt] (oh x ow); the planar kernels use it too. */
    public static void avgPoolPlane(float[] x, int xAt, float[] y, int yAt, int h, int w, int oh, int ow, int k, int stride, int pad,
                                    boolean countIncludePad) {
        avgPoolPlane(x, xAt, y, yAt, h, w, oh, ow, k, stride, pad, countIncludePad, 0, oh);
    }

    /** The same for output rows [rowFrom, rowTo) only. */
    public static void avgPoolPlane(float[] x, int xAt, float[] y, int yAt, int h, int w, int oh, int ow, int k, int stride, int pad,
                                    boolean countIncludePad, int rowFrom, int rowTo) {
        for (int oy = rowFrom; oy < rowTo; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int y0 = oy * stride - pad;
                int x0 = ox * stride - pad;
                int y1 = Math.min(y0 + k, h + pad);
                int x1 = Math.min(x0 + k, w + pad);
                int paddedCount = (y1 - y0) * (x1 - x0);
                y0 = Math.max(y0, 0);
                x0 = Math.max(x0, 0);
                y1 = Math.min(y1, h);
                x1 = Math.min(x1, w);
                float sum = 0f;
                for (int iy = y0; iy < y1; iy++) for (int ix = x0; ix < x1; ix++) sum += x[xAt + iy * w + ix];
                y[yAt + oy * ow + ox] = sum / (countIncludePad ? paddedCount : (y1 - y0) * (x1 - x0));
            }
        }
    }

    public static float[] globalAvgPool(float[] x, int n, int c, int hw) {
        float[] y = new float[n * c];
        for (int plane = 0; plane < n * c; plane++) {
            float sum = 0f;
            for (int i = 0; i < hw; i++) sum += x[plane * hw + i];
            y[plane] = sum / hw;
        }
        return y;
    }

    /** Fully connected: {@code weight} is [out, in]; {@code bias} may be null. */
    public static float[] linear(float[] x, int n, int in, float[] weight, float[] bias, int out) {
        float[] y = new float[n * out];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                float acc = bias == null ? 0f : bias[o];
                for (int i = 0; i < in; i++) acc += x[b * in + i] * weight[o * in + i];
                y[b * out + o] = acc;
            }
        }
        return y;
    }

    /** Softmax over channels at each position ({@code hw} = 1 for flat features), max-subtracted. */
    public static float[] softmax(float[] x, int n, int c, int hw) {
        float[] y = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < hw; p++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int ch = 0; ch < c; ch++) max = Math.max(max, x[(b * c + ch) * hw + p]);
                double sum = 0;
                for (int ch = 0; ch < c; ch++) sum += Math.exp(x[(b * c + ch) * hw + p] - max);
                for (int ch = 0; ch < c; ch++) y[(b * c + ch) * hw + p] = (float) (Math.exp(x[(b * c + ch) * hw + p] - max) / sum);
            }
        }
        return y;
    }
}

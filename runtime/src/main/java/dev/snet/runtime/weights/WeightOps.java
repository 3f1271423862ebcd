package dev.snet.runtime.weights;

/**
 * Weight transformations that compiled models apply once, when they bind their weights: batch
 * norm folded into the convolution or fully connected layer before it.
 */
public final class WeightOps {
    private WeightOps() {}

    /** Per-channel gamma / sqrt(var + eps), computed as PyTorch's batch norm does (in float). */
    public static float[] bnScale(float[] gamma, float[] var, double eps) {
        float[] s = new float[gamma.length];
        for (int c = 0; c < s.length; c++) s[c] = (float) (1.0 / Math.sqrt(var[c] + eps)) * gamma[c];
        return s;
    }

    /** {@code weight} [C, ...] with slice c multiplied by gamma[c] / sqrt(var[c] + eps). */
    public static float[] bnScaled(float[] weight, float[] gamma, float[] var, double eps) {
        float[] scale = bnScale(gamma, var, eps);
        float[] w = new float[weight.length];
        int per = weight.length / scale.length;
        for (int c = 0; c < scale.length; c++) {
            for (int i = 0; i < per; i++) w[c * per + i] = weight[c * per + i] * scale[c];
        }
        return w;
    }

    /** (bias - mean) * gamma / sqrt(var + eps) + beta; {@code bias} may be null (zero). */
    public static float[] bnShift(float[] bias, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
        float[] scale = bnScale(gamma, var, eps);
        float[] b = new float[scale.length];
        for (int c = 0; c < b.length; c++) b[c] = ((bias == null ? 0f : bias[c]) - mean[c]) * scale[c] + beta[c];
        return b;
    }
}

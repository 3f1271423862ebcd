package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Weight;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic weights for running a model without a weights file: PyTorch's default
 * initialisation (uniform within 1/sqrt(fan_in) for conv and fc weights, biases with the fan-in
 * of their weight) and batch norm at identity. Each tensor depends only on the seed and its key.
 */
public final class RandomWeights {
    private RandomWeights() {}

    public static RawWeights of(Graph g, long seed) {
        List<Weight.Raw> expected = RawWeights.expected(g);
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        expected.forEach(r -> shapes.put(r.key(), r.shape()));
        Map<String, float[]> t = new LinkedHashMap<>();
        for (Weight.Raw r : expected) t.put(r.key(), values(r, shapes, seed));
        return new RawWeights(t);
    }

    private static float[] values(Weight.Raw r, Map<String, List<Integer>> shapes, long seed) {
        int n = 1;
        for (int d : r.shape()) n *= d;
        float[] v = new float[n];
        String key = r.key();
        String prefix = key.substring(0, key.lastIndexOf('.'));
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        boolean batchNorm = shapes.containsKey(prefix + ".running_var");
        if (batchNorm) {
            if (leaf.equals("weight") || leaf.equals("running_var")) java.util.Arrays.fill(v, 1f);
            return v;
        }
        List<Integer> weight = shapes.getOrDefault(prefix + ".weight", r.shape());
        long fanIn = 1;
        for (int d = 1; d < weight.size(); d++) fanIn *= weight.get(d);
        double bound = 1.0 / Math.sqrt(fanIn);
        SplittableRandom random = new SplittableRandom(seed ^ key.hashCode() * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < v.length; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        return v;
    }
}

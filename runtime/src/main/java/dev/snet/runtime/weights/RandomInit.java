package dev.snet.runtime.weights;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic weights for trying a model before it has trained ones: PyTorch's default
 * initialisation (uniform within 1/sqrt(fan_in) for conv and fc weights, a bias with the fan-in of
 * its weight) and batch norm at identity. Each tensor depends only on the seed and its key.
 */
public final class RandomInit implements WeightSource {
    private final long seed;
    private final Map<String, int[]> shapes = new HashMap<>();

    public RandomInit(long seed) { this.seed = seed; }

    @Override
    public void require(String[] keys, int[][] shapes) {
        for (int i = 0; i < keys.length; i++) this.shapes.put(keys[i], shapes[i]);
    }

    @Override
    public float[] tensor(String key) throws WeightsException {
        int[] shape = shapes.get(key);
        if (shape == null) throw new WeightsException("random weights: `" + key + "` was not required");
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        int dot = key.lastIndexOf('.');
        String prefix = dot < 0 ? "" : key.substring(0, dot);
        String leaf = key.substring(dot + 1);
        if (shapes.containsKey(prefix + ".running_var")) {
            if (leaf.equals("weight") || leaf.equals("running_var")) java.util.Arrays.fill(v, 1f);
            return v;
        }
        int[] weight = shapes.getOrDefault(prefix + ".weight", shape);
        long fanIn = 1;
        for (int d = 1; d < weight.length; d++) fanIn *= weight[d];
        double bound = 1.0 / Math.sqrt(fanIn);
        SplittableRandom random = new SplittableRandom(seed ^ key.hashCode() * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < n; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        return v;
    }
}

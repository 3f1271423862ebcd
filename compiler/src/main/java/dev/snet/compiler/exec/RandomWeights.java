package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic weights for running a model without a weights file: PyTorch's default
 * initialisation (uniform within 1/sqrt(fan_in) for conv and fc weights and biases) and batch norm
 * at identity. Each tensor's values depend only on the seed and its key.
 */
public final class RandomWeights {
    private RandomWeights() {}

    public static BoundWeights of(Graph g, long seed) {
        Map<Integer, List<float[]>> byNode = new HashMap<>();
        for (BoundWeights.Expected e : BoundWeights.expected(g)) {
            byNode.computeIfAbsent(e.node().id(), k -> new ArrayList<>()).add(values(e, seed));
        }
        return new BoundWeights(byNode);
    }

    private static float[] values(BoundWeights.Expected e, long seed) {
        float[] v = new float[Math.toIntExact(e.param().size())];
        if (e.node().op() instanceof Op.BatchNorm) {
            if (e.param().suffix().equals("weight") || e.param().suffix().equals("running_var")) java.util.Arrays.fill(v, 1f);
            return v;
        }
        List<Integer> weightShape = e.weightShape();
        long fanIn = 1;
        for (int d = 1; d < weightShape.size(); d++) fanIn *= weightShape.get(d);
        double bound = 1.0 / Math.sqrt(fanIn);
        SplittableRandom random = new SplittableRandom(seed ^ e.key().hashCode() * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < v.length; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        return v;
    }
}

package dev.snet.compiler.proxy;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.List;
import java.util.Map;

/**
 * Zen-score (Lin et al. 2021, "Zen-NAS"), as idstcv/ZenNAS's {@code compute_zen_score}: the mean
 * over samples of how far the features entering the final global pooling move when the input is
 * nudged by gamma times noise, on a log scale, plus the log of each batch norm's scale
 * sqrt(mean(running_var)). Both passes run in training mode and update running_var as PyTorch
 * does (momentum 0.1, unbiased batch variance), the clean input first.
 */
final class ZenScore {
    private static final double MOMENTUM = 0.1;

    private ZenScore() {}

    static double score(Graph graph, Map<String, float[]> weights, float[] input, float[] noise, double gamma, int batch) {
        int features = featuresNode(graph);
        Map<Integer, double[]> runningVar = new java.util.LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            if (n.op() instanceof Op.BatchNorm) {
                float[] v = weights.get(((dev.snet.compiler.ir.Weight.Raw) n.weights().get(3)).key());
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) d[i] = v[i];
                runningVar.put(n.id(), d);
            }
        }
        TrainingForward.Listener update = new TrainingForward.Listener() {
            @Override
            public void batchStatistics(Node node, double[] mean, double[] unbiasedVariance) {
                double[] rv = runningVar.get(node.id());
                for (int c = 0; c < rv.length; c++) rv[c] = (1 - MOMENTUM) * rv[c] + MOMENTUM * unbiasedVariance[c];
            }
        };
        TrainingForward forward = new TrainingForward(graph, weights, batch, List.of(features), List.of(features));
        forward.run(input, update);
        float[] clean = copy(forward, features);
        float[] mixed = input.clone();
        for (int i = 0; i < mixed.length; i++) mixed[i] = (float) (input[i] + gamma * noise[i]);
        forward.run(mixed, update);
        float[] nudged = copy(forward, features);
        int perSample = clean.length / batch;
        double total = 0;
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int i = b * perSample; i < (b + 1) * perSample; i++) sum += Math.abs(clean[i] - nudged[i]);
            total += sum;
        }
        double score = Math.log(total / batch);
        for (double[] rv : runningVar.values()) {
            double mean = 0;
            for (double v : rv) mean += v;
            score += Math.log(Math.sqrt(mean / rv.length));
        }
        return score;
    }

    /** The input of the last pooling that takes a whole plane to one value: where the network's features end. */
    static int featuresNode(Graph graph) {
        for (int i = graph.nodes().size() - 1; i >= 0; i--) {
            Node n = graph.node(i);
            boolean global = n.op() instanceof Op.GlobalAvgPool
                    || (n.op() instanceof Op.AvgPool && n.shape().height() == 1 && n.shape().width() == 1
                        && graph.node(n.inputs().get(0)).shape().height() > 1);
            if (global) return n.inputs().get(0);
        }
        throw new ProxyException("Zen-score needs a final global average pooling: it measures the features that enter it;"
                + " this model has none");
    }

    private static float[] copy(TrainingForward forward, int node) {
        int[][] planes = forward.planes(node);
        int ps = forward.planeSize(node);
        int channels = planes[0].length;
        float[] out = new float[planes.length * channels * ps];
        for (int b = 0; b < planes.length; b++) dev.snet.runtime.kernels.Planar.store(forward.arena(), planes[b], ps, out, b * channels * ps);
        return out;
    }
}

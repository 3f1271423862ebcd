package dev.snet.compiler.proxy;

import dev.snet.compiler.exec.RandomWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The training-free proxies snet computes: each scores an untrained network; higher is better. */
public enum Proxy {
    /** log|det K| of the ReLU activation codes' agreement matrix; default batch 64. */
    NASWOT(64),
    /** Zen-score: log expected feature change under a small input perturbation plus BN scales; default batch 16. */
    ZEN(16);

    public static final double DEFAULT_GAMMA = 0.01;

    private final int defaultBatch;

    Proxy(int defaultBatch) { this.defaultBatch = defaultBatch; }

    public int defaultBatch() { return defaultBatch; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static java.util.Optional<Proxy> named(String name) {
        for (Proxy p : values()) if (p.key().equals(name)) return java.util.Optional.of(p);
        return java.util.Optional.empty();
    }

    /**
     * The proxy's score of a source graph (batch norm not folded). {@code input} and {@code noise}
     * are [batch, C, H, W]; noise is read by Zen only and may be null for NASWOT.
     */
    public double score(Graph graph, Map<String, float[]> weights, float[] input, float[] noise, int batch, double gamma) {
        return switch (this) {
            case NASWOT -> Naswot.score(graph, weights, input, batch);
            case ZEN -> ZenScore.score(graph, weights, input, noise, gamma, batch);
        };
    }

    /** The score of a fresh network: the reference's initial weights and standard-normal input and noise, all from {@code seed}. */
    public double scoreFresh(Graph graph, int batch, double gamma, long seed) {
        float[] input = normalInput(graph, batch, seed ^ INPUT_STREAM);
        float[] noise = this == ZEN ? normalInput(graph, batch, seed ^ NOISE_STREAM) : null;
        return score(graph, initialWeights(graph, seed), input, noise, batch, gamma);
    }

    /** Seeds of the input and the noise, apart from the weights' own. */
    public static final long INPUT_STREAM = 0x5DEECE66DL, NOISE_STREAM = 0x2545F4914F6CDD1DL;

    /**
     * The weights each reference starts from: PyTorch's default initialisation for NASWOT (as the
     * runtime's {@code RandomInit}); for Zen, ZenNAS's: conv and fc weights N(0, 1), biases 0, batch
     * norm at identity.
     */
    public Map<String, float[]> initialWeights(Graph graph, long seed) {
        if (this == NASWOT) return RandomWeights.of(graph, seed).tensors();
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            for (Weight weight : n.weights()) {
                Weight.Raw r = (Weight.Raw) weight;
                float[] v = new float[(int) r.shape().stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b)];
                String leaf = r.key().substring(r.key().lastIndexOf('.') + 1);
                boolean gaussian = (n.op() instanceof Op.Conv || n.op() instanceof Op.Linear) && leaf.equals("weight");
                if (gaussian) {
                    SplittableRandom random = new SplittableRandom(seed ^ r.key().hashCode() * 0x9E3779B97F4A7C15L);
                    for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
                } else if (n.op() instanceof Op.BatchNorm && (leaf.equals("weight") || leaf.equals("running_var"))) {
                    java.util.Arrays.fill(v, 1f);
                }
                w.put(r.key(), v);
            }
        }
        return w;
    }

    /** Standard-normal values, [batch, C, H, W] of the graph's input, from a seed. */
    public static float[] normalInput(Graph graph, int batch, long seed) {
        Shape s = graph.inputShape();
        float[] v = new float[Math.multiplyExact(batch, (int) s.elements())];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return v;
    }
}

package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The file tensors a model reads, by key, in memory: what a weights file or the random initialisation gives. */
public record RawWeights(Map<String, float[]> tensors) implements WeightSource {

    public RawWeights {
        tensors = Map.copyOf(tensors);
    }

    /** Every file tensor the graph's nodes read, in graph order, each once. */
    public static List<Weight.Raw> expected(Graph g) {
        Map<String, Weight.Raw> out = new LinkedHashMap<>();
        for (Node n : g.nodes()) for (Weight w : n.weights()) collect(w, out);
        return new ArrayList<>(out.values());
    }

    private static void collect(Weight w, Map<String, Weight.Raw> out) {
        switch (w) {
            case Weight.Raw r -> out.putIfAbsent(r.key(), r);
            case Weight.BnScaled s -> {
                collect(s.weight(), out);
                List.of(s.bn().gamma(), s.bn().beta(), s.bn().mean(), s.bn().var()).forEach(r -> out.putIfAbsent(r.key(), r));
            }
            case Weight.BnShift s -> {
                if (s.bias() != null) collect(s.bias(), out);
                List.of(s.bn().gamma(), s.bn().beta(), s.bn().mean(), s.bn().var()).forEach(r -> out.putIfAbsent(r.key(), r));
            }
        }
    }

    /** Reads every expected tensor of {@code g} from a source, after checking them all. */
    public static RawWeights read(Graph g, WeightSource source) throws WeightsException {
        List<Weight.Raw> expected = expected(g);
        source.require(expected.stream().map(Weight.Raw::key).toArray(String[]::new),
                expected.stream().map(r -> r.shape().stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
        Map<String, float[]> t = new LinkedHashMap<>();
        for (Weight.Raw r : expected) t.put(r.key(), source.tensor(r.key()));
        return new RawWeights(t);
    }

    @Override
    public void require(String[] keys, int[][] shapes) throws WeightsException {
        for (int i = 0; i < keys.length; i++) {
            float[] t = tensors.get(keys[i]);
            long n = 1;
            for (int d : shapes[i]) n *= d;
            if (t == null || t.length != n) throw new WeightsException("weights: no tensor `" + keys[i] + "` of " + n + " values");
        }
    }

    @Override
    public float[] tensor(String key) throws WeightsException {
        float[] t = tensors.get(key);
        if (t == null) throw new WeightsException("weights: no tensor `" + key + "`");
        return t;
    }
}

package dev.snet.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.source.SourceFile;
import dev.snet.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Zoo models, weights with non-trivial batch norm statistics, and an output comparison, for tests. */
public final class TestModels {
    private TestModels() {}

    public static Graph zoo(String file, Map<String, String> parameters) {
        return load(Path.of("../examples/models").resolve(file), parameters);
    }

    public static Graph load(Path path, Map<String, String> parameters) {
        Diagnostics d = new Diagnostics();
        try {
            Graph g = Frontend.concrete(new SourceFile(path.toString(), Files.readString(path)), path, parameters, d).orElse(null);
            assertFalse(d.hasErrors(), () -> d.sorted().toString());
            return g;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Random weights in which batch norm is far from identity, so folding it is really tested. */
    public static RawWeights weights(Graph g, long seed) {
        Map<String, float[]> t = new LinkedHashMap<>();
        for (Weight.Raw r : RawWeights.expected(g)) {
            SplittableRandom random = new SplittableRandom(seed ^ r.key().hashCode());
            int n = r.shape().stream().reduce(1, (a, b) -> a * b);
            long fanIn = 1;
            for (int i = 1; i < r.shape().size(); i++) fanIn *= r.shape().get(i);
            String leaf = r.key().substring(r.key().lastIndexOf('.') + 1);
            double low;
            double high;
            if (leaf.equals("running_var") || (leaf.equals("weight") && r.shape().size() == 1)) {
                low = 0.5;
                high = 1.5;
            } else if (leaf.equals("running_mean") || leaf.equals("bias")) {
                low = -0.2;
                high = 0.2;
            } else {
                high = 2.0 / Math.sqrt(fanIn);
                low = -high;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) (low + (high - low) * random.nextDouble());
            t.put(r.key(), v);
        }
        return new RawWeights(t);
    }

    public static Tensor input(Graph g, int batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] shape = {batch, g.inputShape().channels(), g.inputShape().height(), g.inputShape().width()};
        float[] v = new float[batch * (int) g.inputShape().elements()];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return new Tensor(shape, v);
    }

    /** max |a - b| ≤ tolerance · max(1, max |a|). */
    public static void assertClose(Tensor expected, Tensor actual, double tolerance, String what) {
        assertTrue(java.util.Arrays.equals(expected.shape(), actual.shape()), what + ": shapes differ");
        double maxAbs = 1;
        double maxDiff = 0;
        for (int i = 0; i < expected.data().length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
            maxDiff = Math.max(maxDiff, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        double d = maxDiff;
        double m = maxAbs;
        assertTrue(d <= tolerance * m, () -> what + ": max |diff| " + d + " > " + tolerance + " * " + m);
    }
}

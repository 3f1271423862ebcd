package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.cli.Snetc;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.proxy.Proxy;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.JsonReader;
import dev.snet.runtime.io.Npy;
import dev.snet.runtime.weights.SafeTensorsWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * NASWOT and Zen-score equal to PyTorch's: fixtures/proxies.json holds the scores the reference
 * definitions (BayesWatch's hooklogdet, ZenNAS's compute_zen_score) gave in PyTorch
 * (tools/proxy_fixtures.py) for weights and inputs that {@link Recipe} rebuilds here.
 */
class ProxyFixtureTest {
    private static final double TOLERANCE = 1e-3;

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixtures() throws Exception {
        return (Map<String, Object>) JsonReader.parse(Files.readString(PyTorchFixtureTest.FIXTURES.resolve("proxies.json")));
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> proxiesMatchPyTorch() throws Exception {
        Map<String, Object> all = fixtures();
        List<DynamicTest> tests = new ArrayList<>();
        ((Map<String, Object>) all.get("models")).forEach((name, value) -> {
            Map<String, Object> spec = (Map<String, Object>) value;
            for (Proxy proxy : Proxy.values()) {
                tests.add(DynamicTest.dynamicTest(name + " " + proxy.key(), () -> {
                    Graph g = graph(spec);
                    Map<String, Object> p = (Map<String, Object>) spec.get(proxy.key());
                    int batch = ((Long) p.get("batch")).intValue();
                    int per = (int) g.inputShape().elements();
                    float[] x = Recipe.input((String) all.get("input_key"), batch * per);
                    float[] e = Recipe.input((String) all.get("noise_key"), batch * per);
                    double expected = ((Number) p.get("score")).doubleValue();
                    double actual = proxy.score(g, weights(g), x, e, batch, Proxy.DEFAULT_GAMMA);
                    assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected),
                            name + " " + proxy.key() + ": snet " + actual + ", PyTorch " + expected);
                }));
            }
        });
        return tests.stream();
    }

    /** The same through `snetc score` with files: weights, input and noise as a user would give them. */
    @SuppressWarnings("unchecked")
    @Test
    void scoreCommandReadsFiles() throws Exception {
        Map<String, Object> all = fixtures();
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) all.get("models")).get("cifar_g2");
        Graph g = graph(spec);
        Map<String, SafeTensorsWriter.Named> tensors = new HashMap<>();
        weights(g).forEach((k, v) -> tensors.put(k, new SafeTensorsWriter.Named(shape(g, k), v)));
        Path w = tmp.resolve("w.safetensors");
        SafeTensorsWriter.write(w, tensors);
        Map<String, Object> zen = (Map<String, Object>) spec.get("zen");
        int batch = ((Long) zen.get("batch")).intValue();
        int[] shape = {batch, 3, 32, 32};
        Npy.write(tmp.resolve("x.npy"), new Tensor(shape, Recipe.input((String) all.get("input_key"), batch * 3 * 32 * 32)));
        Npy.write(tmp.resolve("e.npy"), new Tensor(shape, Recipe.input((String) all.get("noise_key"), batch * 3 * 32 * 32)));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Snetc.run(new String[] {"score", ZooTest.MODELS.resolve("cifar_shufflenet.snet").toString(), "-P", "groups=2", "--proxy", "zen",
                "--weights", w.toString(), "--input", tmp.resolve("x.npy").toString(), "--noise", tmp.resolve("e.npy").toString(), "--json"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        Map<String, Object> o = (Map<String, Object>) JsonReader.parse(out.toString().trim());
        double actual = ((Number) ((Map<String, Object>) ((Map<String, Object>) o.get("scores")).get("zen")).get("score")).doubleValue();
        double expected = ((Number) zen.get("score")).doubleValue();
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected), "snet " + actual + ", PyTorch " + expected);
    }

    @SuppressWarnings("unchecked")
    private static Graph graph(Map<String, Object> spec) throws java.io.IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        ((Map<String, Object>) spec.get("parameters")).forEach((k, v) -> parameters.put(k, (String) v));
        return ZooTest.model((String) spec.get("model"), parameters);
    }

    private static Map<String, float[]> weights(Graph g) {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Weight.Raw r : RawWeights.expected(g)) w.put(r.key(), Recipe.tensor(r.key(), r.shape()));
        return w;
    }

    private static List<Integer> shape(Graph g, String key) {
        return RawWeights.expected(g).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().shape();
    }
}

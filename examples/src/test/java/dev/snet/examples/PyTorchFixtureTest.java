package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.cli.Snetc;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.WeightBinder;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.JsonReader;
import dev.snet.runtime.io.Npy;
import dev.snet.runtime.weights.SafeTensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs equal to PyTorch's: each fixture under fixtures/ holds the logits PyTorch computed
 * (tools/snet_fixtures.py) for weights and inputs that {@link Recipe} rebuilds here. Each model runs
 * through `snetc run` and through the interpreter API.
 */
class PyTorchFixtureTest {
    static final Path FIXTURES = Path.of("fixtures");

    @TempDir
    Path tmp;

    /** A fixture: the model, its parameters, and the files materialised from the recipe. */
    record Fixture(String name, Path model, Map<String, String> parameters, Path weights, Path input, Tensor inputTensor, Tensor expected) {}

    @SuppressWarnings("unchecked")
    static Fixture materialise(Path dir, Path tmp) throws Exception {
        Map<String, Object> spec = (Map<String, Object>) JsonReader.parse(Files.readString(dir.resolve("fixture.json")));
        Path model = ZooTest.MODELS.resolve((String) spec.get("model"));
        Map<String, String> parameters = new HashMap<>();
        ((Map<String, Object>) spec.get("parameters")).forEach((k, v) -> parameters.put(k, (String) v));
        Graph g = ZooTest.model((String) spec.get("model"), parameters);
        Map<String, SafeTensorsWriter.Named> tensors = new HashMap<>();
        for (Weight.Raw r : RawWeights.expected(g)) {
            tensors.put(r.key(), new SafeTensorsWriter.Named(r.shape(), Recipe.tensor(r.key(), r.shape())));
        }
        String name = dir.getFileName().toString();
        Path weights = tmp.resolve(name + ".safetensors");
        SafeTensorsWriter.write(weights, tensors);
        List<Integer> chw = ((List<Object>) spec.get("input")).stream().map(o -> ((Long) o).intValue()).toList();
        int batch = ((Long) spec.get("batch")).intValue();
        int[] shape = {batch, chw.get(0), chw.get(1), chw.get(2)};
        Tensor x = new Tensor(shape, Recipe.input((String) spec.get("input_key"), batch * chw.get(0) * chw.get(1) * chw.get(2)));
        Path input = tmp.resolve(name + "-input.npy");
        Npy.write(input, x);
        return new Fixture(name, model, parameters, weights, input, x, Npy.read(dir.resolve("expected.npy")));
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertClose(expected, actual, 1e-4f, what);
    }

    static void assertClose(Tensor expected, Tensor actual, float tolerance, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        float maxAbs = 1f;
        float maxDiff = 0f;
        for (int i = 0; i < expected.data().length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
            maxDiff = Math.max(maxDiff, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        assertTrue(maxDiff <= tolerance * maxAbs, what + ": max |diff| " + maxDiff + " > " + tolerance + " * " + maxAbs);
    }

    static List<Path> fixtureDirs() throws Exception {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> snetcRunMatchesPyTorch() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : fixtureDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                Fixture f = materialise(dir, tmp);
                Path out = tmp.resolve(f.name() + "-out.npy");
                List<String> args = new ArrayList<>(List.of("run", f.model().toString(), "--weights", f.weights().toString(),
                        "--input", f.input().toString(), "--output", out.toString(), "--top", "0"));
                f.parameters().forEach((k, v) -> args.addAll(List.of("-P", k + "=" + v)));
                java.io.StringWriter err = new java.io.StringWriter();
                int exit = Snetc.run(args.toArray(String[]::new), new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
                assertEquals(0, exit, err.toString());
                assertEquals(List.of(), err.toString().lines().filter(l -> !l.startsWith("backend: ")).toList(), "no warning, only where it ran");
                assertClose(f.expected(), Npy.read(out), f.name() + " via snetc run (compiled)");
            }));
        }
        assertTrue(tests.size() >= 4, "fixtures for CIFAR G2, G3 and v2 0.5x, 1.0x");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> interpreterMatchesPyTorch() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : fixtureDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                Fixture f = materialise(dir, tmp);
                Graph g = ZooTest.model(f.model().getFileName().toString(), f.parameters());
                RawWeights w = WeightBinder.bind(g, f.weights(), m -> { throw new AssertionError(m); });
                assertClose(f.expected(), Interpreter.run(g, w, f.inputTensor()), f.name() + " via the interpreter");
            }));
        }
        return tests.stream();
    }
}

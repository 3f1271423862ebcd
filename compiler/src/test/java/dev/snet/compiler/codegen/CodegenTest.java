package dev.snet.compiler.codegen;

import static dev.snet.compiler.TestModels.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Golden;
import dev.snet.compiler.TestModels;
import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CodegenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/Tiny.java");

    static ModelCompiler.Result compile(Graph g, boolean optimise) {
        return ModelCompiler.compile(g, new ModelCompiler.Options(optimise, false, "snet.models", "Generated" + Math.abs(g.model().hashCode()),
                Set.of(), (a, b) -> { }), Targets.CPU);
    }

    static Tensor runCompiled(ModelCompiler.Result r, RawWeights w, Tensor x) throws Exception {
        CompiledModel m = ModelCache.instantiate(ModelCache.standard().load(r.source()).type(), w);
        float[] y = new float[x.dim(0) * m.outputSize()];
        m.run(x.data(), y, x.dim(0));
        m.run(x.data(), y, x.dim(0));  // again: a second run gives the same numbers
        int[] shape = new int[m.outputShape().length + 1];
        shape[0] = x.dim(0);
        System.arraycopy(m.outputShape(), 0, shape, 1, m.outputShape().length);
        return new Tensor(shape, y);
    }

    @TestFactory
    Stream<DynamicTest> compiledModelsMatchTheInterpreter() {
        record Case(String file, Map<String, String> parameters) {}
        List<Case> cases = List.of(new Case("cifar_shufflenet.snet", Map.of("groups", "2")), new Case("cifar_shufflenet.snet", Map.of("groups", "3")),
                new Case("shufflenet_v2.snet", Map.of("width", "0.5")), new Case("shufflenet_v1.snet", Map.of("groups", "3", "scale", "0.5")),
                new Case("resnet18.snet", Map.of("size", "64", "classes", "10")), new Case("shufflenet_v2_plus.snet", Map.of("size", "Small")),
                new Case("spos_searched.snet", Map.of()));
        return cases.stream().flatMap(c -> Stream.of(true, false).map(opt -> DynamicTest.dynamicTest(
                c.file() + " " + c.parameters() + (opt ? "" : " -O0"), () -> {
                    Graph g = TestModels.zoo(c.file(), c.parameters());
                    RawWeights w = TestModels.weights(g, 5);
                    Tensor x = TestModels.input(g, 3, 1);
                    assertClose(Interpreter.run(g, w, x), runCompiled(compile(g, opt), w, x), 1e-5, "compiled");
                })));
    }

    /**
     * The activations that are not clamps (a pass after the kernel), squeeze-and-excitation and
     * 5x5/7x7 depthwise kernels, on planes from 3x3 to 56x56: wide, narrow, with vector tails.
     */
    @TestFactory
    Stream<DynamicTest> newOpsMatchTheInterpreter() {
        Path model = Path.of("src/test/resources/models/activations.snet");
        return Stream.of("hswish 28", "hsigmoid 13", "sigmoid 9", "relu6 56", "hswish 20", "relu 14", "silu 11").map(c -> DynamicTest.dynamicTest(c, () -> {
            String[] kv = c.split(" ");
            Graph g = TestModels.load(model, Map.of("kind", kv[0], "size", kv[1]));
            RawWeights w = TestModels.weights(g, 7);
            Tensor x = TestModels.input(g, 2, 3);
            assertClose(Interpreter.run(g, w, x), runCompiled(compile(g, true), w, x), 1e-5, "compiled");
            assertClose(Interpreter.run(g, w, x), runCompiled(compile(g, false), w, x), 1e-5, "compiled -O0");
        }));
    }

    /** A flatten read element by element is a copy into consecutive floats; read by an fc it stays free (the zoo's goldens). */
    @Test
    void aFlattenReadElementByElementMatchesTheInterpreter() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/flatten_elementwise.snet"), Map.of());
        RawWeights w = TestModels.weights(g, 5);
        Tensor x = TestModels.input(g, 2, 9);
        assertClose(Interpreter.run(g, w, x), runCompiled(compile(g, true), w, x), 1e-5, "compiled");
        assertClose(Interpreter.run(g, w, x), runCompiled(compile(g, false), w, x), 1e-5, "compiled -O0");
    }

    @Test
    void emittedSourceMatchesTheGoldenFile() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        String source = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).source().toString();
        Golden.assertMatches(GOLDEN, source, "the emitted source of tiny.snet");
    }

    @Test
    void closingALoadedModelClosesItsClassLoader() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        ModelCache.Loaded loaded = ModelCache.standard().load(compile(g, true).source());
        String classFile = loaded.type().getName().replace('.', '/') + ".class";
        assertTrue(loaded.loader().getResource(classFile) != null, "the loader serves the model's class file");
        loaded.close();
        assertTrue(loaded.loader().getResource(classFile) == null, "a closed loader serves nothing");
    }

    @Test
    void aDamagedCacheEntryIsRebuiltAndLeftoversRemoved(@org.junit.jupiter.api.io.TempDir Path cacheDir) throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        ModelCompiler.Result r = compile(g, true);
        ModelCache cache = new ModelCache(cacheDir);
        Path killed = Files.createDirectories(cacheDir.resolve("build-12345"));
        Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        Path young = Files.createDirectories(cacheDir.resolve("build-67890"));
        try (ModelCache.Loaded first = cache.load(r.source())) {
            assertTrue(first.type() != null);
        }
        assertTrue(!Files.exists(killed) && Files.exists(young), "only leftovers older than an hour are removed");
        Path classFile;
        try (var walk = Files.walk(cacheDir)) {
            classFile = walk.filter(p -> p.toString().endsWith(r.source().typeSpec().name() + ".class")).findFirst().orElseThrow();
        }
        Files.write(classFile, new byte[] {(byte) 0xCA, (byte) 0xFE});  // truncated, as by a full disk
        try (ModelCache.Loaded again = cache.load(r.source())) {
            float[] y = new float[ModelCache.instantiate(again.type(), TestModels.weights(g, 1)).outputSize()];
            assertEquals(3, y.length);
        }
        Files.delete(classFile);
        try (ModelCache.Loaded third = cache.load(r.source())) {
            assertTrue(third.type() != null, "a missing class file is rebuilt too");
        }
    }

    @Test
    void emissionIsDeterministic() {
        Graph a = TestModels.zoo("shufflenet_v2.snet", Map.of());
        Graph b = TestModels.zoo("shufflenet_v2.snet", Map.of());
        String first = ModelCompiler.compile(a, ModelCompiler.Options.defaults(a), Targets.CPU).source().toString();
        String second = ModelCompiler.compile(b, ModelCompiler.Options.defaults(b), Targets.CPU).source().toString();
        assertEquals(first, second);
        assertTrue(first.contains("public final class ShuffleNetV2 implements CompiledModel"));
    }

    @Test
    void profiledModelTimesEveryStepAndComputesTheSameOutput() throws Exception {
        Graph g = TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2"));
        RawWeights w = TestModels.weights(g, 5);
        Tensor x = TestModels.input(g, 2, 1);
        ModelCompiler.Result plain = compile(g, true);
        ModelCompiler.Result profiled = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g).profiled(), Targets.CPU);
        CompiledModel m = ModelCache.instantiate(ModelCache.standard().load(profiled.source()).type(), w);
        float[] y = new float[x.dim(0) * m.outputSize()];
        m.run(x.data(), y, x.dim(0));
        assertClose(runCompiled(plain, w, x), new Tensor(new int[] {x.dim(0), m.outputSize()}, y), 0, "profiled");
        dev.snet.runtime.StepTimes t = ((dev.snet.runtime.StepTimes.Profiled) m).stepTimes();
        long convs = profiled.compilation().graph().nodes().stream().filter(n -> n.op() instanceof dev.snet.compiler.ir.Op.Conv).count();
        assertTrue(t.steps() > convs, "a step per computing node");
        long timedMacs = 0;
        double total = 0;
        for (int i = 0; i < t.steps(); i++) {
            assertTrue(t.meanNanos(i) >= 0, "step " + t.label(i));
            total += t.meanNanos(i);
            timedMacs += t.macs(i);
        }
        assertTrue(total > 0, "steps were timed");
        assertEquals(dev.snet.compiler.analysis.Cost.totalMacs(g), timedMacs, "every MAC is in some step");
        assertTrue(!(ModelCache.instantiate(ModelCache.standard().load(plain.source()).type(), w) instanceof dev.snet.runtime.StepTimes.Profiled));
    }
}

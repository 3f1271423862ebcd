package dev.snet.tornado;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.codegen.Target;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.backend.Accelerator;
import dev.snet.runtime.backend.DeviceId;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every zoo model through TornadoVM agrees with the CPU target within 1e-4 (relative to the
 * sample's largest output; random weights, so the outputs are the logits before any training), at batch 8 and batch 1 on one instance (so the launch is resized), with
 * bailout disabled: a kernel TornadoVM cannot compile fails here instead of running in Java.
 */
class TornadoEquivalenceTest {
    static final Path MODELS = Path.of(System.getProperty("snet.models", "../examples/models"));
    static final int BATCH = 8;

    record Setting(String file, Map<String, String> parameters) {
        @Override
        public String toString() { return file + (parameters.isEmpty() ? "" : " " + parameters); }
    }

    static List<Setting> zoo() {
        return List.of(new Setting("shufflenet_v1.snet", Map.of()), new Setting("shufflenet_v1.snet", Map.of("groups", "8", "scale", "0.5")),
                new Setting("shufflenet_v2.snet", Map.of()), new Setting("shufflenet_v2_plus.snet", Map.of()),
                new Setting("cifar_shufflenet.snet", Map.of()), new Setting("spos_searched.snet", Map.of()),
                new Setting("resnet18.snet", Map.of()));
    }

    @Test
    void aDeviceAnswers() {
        Accelerator.Probe probe = new TornadoAccelerator().probe();
        assertTrue(probe.usable(), () -> "TornadoVM probe: " + probe.problem());
        assertFalse(probe.devices().isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyZooModelMatchesTheCpu() {
        return zoo().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
            Graph g = graph(s);
            CompiledModel cpu = ModelCache.instantiate(load(g, Targets.CPU), weights());
            float[] x = new float[BATCH * cpu.inputSize()];
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            float[] expected = new float[BATCH * cpu.outputSize()];
            cpu.run(x, expected, BATCH);
            try (TornadoModel gpu = (TornadoModel) load(g, Targets.TORNADO).getConstructor(WeightSource.class, DeviceId.class, int.class)
                    .newInstance(weights(), null, BATCH)) {
                float[] batch = new float[expected.length];
                gpu.run(x, batch, BATCH);
                float[] one = new float[cpu.outputSize()];
                gpu.run(x, one, 1);
                int n = cpu.outputSize();
                for (int b = 0; b < BATCH; b++) assertClose(expected, b * n, batch, b * n, n, s + " batch 8, sample " + b);
                assertClose(expected, 0, one, 0, n, s + " batch 1");
            }
        }));
    }

    private static WeightSource weights() { return new RandomInit(3); }

    private static Graph graph(Setting s) throws Exception {
        Path path = MODELS.resolve(s.file());
        Diagnostics d = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile(path.toString(), Files.readString(path)), path, s.parameters(), d).orElse(null);
        assertFalse(d.hasErrors(), s + " has errors");
        return g;
    }

    private static Class<? extends CompiledModel> load(Graph g, Target target) throws Exception {
        ModelCompiler.Result result = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), target);
        return ModelCache.standard().load(result.source(), target.toolchain()).type();
    }

    /** Each element within 1e-4 of the sample's largest |expected|. */
    static void assertClose(float[] expected, int at, float[] actual, int actualAt, int n, String what) {
        float scale = Float.MIN_NORMAL;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[at + i]));
        float worst = 0;
        for (int i = 0; i < n; i++) worst = Math.max(worst, Math.abs(expected[at + i] - actual[actualAt + i]));
        System.out.printf("%s: max |difference| %.3g, relative %.3g%n", what, worst, worst / scale);
        assertTrue(worst <= 1e-4f * scale, what + ": max |difference| " + worst + " exceeds 1e-4 of " + scale);
    }
}

package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.ParallelModel;
import dev.snet.runtime.WorkerPool;
import dev.snet.runtime.weights.RandomInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same input gives the same bits: whatever the JIT has compiled by now (run 1 or run 1000, the
 * interpreter, C1 or C2), and whatever the number of threads a batch or a layer is split between.
 */
class DeterminismTest {
    static Class<? extends CompiledModel> compiled(String model, Map<String, String> parameters) throws Exception {
        Path file = ZooTest.MODELS.resolve(model);
        Diagnostics diagnostics = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile(file.toString(), Files.readString(file)), file, parameters, diagnostics).orElseThrow();
        return ModelCache.standard().load(ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).source()).type();
    }

    static float[] input(CompiledModel m, int batch) {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[batch * m.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    @ParameterizedTest
    @CsvSource({"cifar_shufflenet.snet, groups, 2, 1000", "shufflenet_v2.snet, width, 0.5, 1000", "shufflenet_v1.snet, groups, 3, 300"})
    void oneInstanceGivesTheSameBitsOnEveryRun(String model, String key, String value, int runs) throws Exception {
        CompiledModel m = ModelCache.instantiate(compiled(model, Map.of(key, value)), new RandomInit(3));
        float[] x = input(m, 1);
        float[] first = new float[m.outputSize()];
        float[] y = new float[m.outputSize()];
        m.run(x, first, 1);
        for (int i = 1; i < runs; i++) {
            m.run(x, y, 1);
            assertArrayEquals(first, y, model + ": run " + (i + 1) + " differs from run 1");
        }
    }

    /** Sharing an instance between threads used to give wrong numbers silently (max error 2.09); now it fails. */
    @org.junit.jupiter.api.Test
    void sharingOneInstanceBetweenThreadsFailsLoudly() throws Exception {
        CompiledModel m = ModelCache.instantiate(compiled("cifar_shufflenet.snet", Map.of("groups", "2")), new RandomInit(3));
        float[] x = input(m, 64);
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        Thread long64 = new Thread(() -> {
            try {
                m.run(x, new float[64 * m.outputSize()], 64);
            } catch (IllegalStateException e) {
                refused.incrementAndGet();
            }
        });
        long64.start();
        float[] y = new float[m.outputSize()];
        while (long64.isAlive()) {
            try {
                m.run(x, y, 1);
            } catch (IllegalStateException e) {
                refused.incrementAndGet();
            }
        }
        long64.join();
        org.junit.jupiter.api.Assertions.assertTrue(refused.get() > 0, "a run that overlapped another on the same instance was refused");
    }

    @ParameterizedTest
    @CsvSource({"shufflenet_v2.snet, width, 1.0", "shufflenet_v1.snet, groups, 3", "resnet18.snet, size, 224", "cifar_shufflenet.snet, groups, 3"})
    void threadCountsGiveTheSameBits(String model, String key, String value) throws Exception {
        Class<? extends CompiledModel> type = compiled(model, Map.of(key, value));
        float[] reference = null;
        for (int threads : new int[] {1, 2, 3, 8}) {
            for (int batch : new int[] {1, 9}) {
                try (WorkerPool pool = new WorkerPool(threads)) {
                    ParallelModel m = new ParallelModel(p -> ModelCache.instantiate(type, new RandomInit(3), p), pool);
                    float[] x = input(m, 9);
                    float[] y = new float[9 * m.outputSize()];
                    m.run(x, 0, y, 0, batch);
                    float[] sample0 = java.util.Arrays.copyOf(y, m.outputSize());
                    if (reference == null) reference = sample0;
                    else assertArrayEquals(reference, sample0, model + ": " + threads + " threads, batch " + batch + " differ from 1 thread");
                }
            }
        }
    }
}

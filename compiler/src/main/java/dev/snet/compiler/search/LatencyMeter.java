package dev.snet.compiler.search;

import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.ParallelModel;
import dev.snet.runtime.WorkerPool;
import dev.snet.runtime.weights.RandomInit;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Latency of the code that would be deployed: the candidate compiled by javac (through the model
 * cache), at the search's batch and thread count, warmed up until the JIT has settled, then the
 * median of timed runs. Candidates are measured one at a time, with nothing else running in the
 * process, so their numbers can be compared.
 */
final class LatencyMeter {
    /** A candidate whose latency cannot be measured. */
    static final class LatencyException extends Exception {
        LatencyException(String message) { super(message); }
    }

    private static final long WARMUP_NANOS = 400_000_000L, MAX_WARMUP_NANOS = 5_000_000_000L, MEASURE_NANOS = 500_000_000L;
    private static final int MIN_RUNS = 10;

    private final int batch;
    private final int threads;

    LatencyMeter(int batch, int threads) {
        this.batch = batch;
        this.threads = threads;
    }

    double medianMillis(Graph g) throws LatencyException {
        ModelCache.Loaded loaded;
        try {
            loaded = ModelCache.standard().load(ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).source());
        } catch (JavaCompilation.NoJavac | JavaCompilation.TooLarge e) {
            throw new LatencyException(e.getMessage());
        } catch (JavaCompilation.CompilationException e) {
            throw new LatencyException("javac rejected the generated model (an snetc bug; please report): " + e.getMessage());
        } catch (IOException e) {
            throw new LatencyException("cannot use the model cache (set SNET_CACHE to a writable directory): " + e.getMessage());
        }
        Class<? extends CompiledModel> type = loaded.type();
        try (loaded; WorkerPool pool = new WorkerPool(threads)) {
            CompiledModel model = new ParallelModel(p -> ModelCache.instantiate(type, new RandomInit(0), p), pool);
            float[] input = new float[batch * model.inputSize()];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
            float[] output = new float[batch * model.outputSize()];
            warmUp(model, input, output);
            long[] times = new long[4096];
            int runs = 0;
            long end = System.nanoTime() + MEASURE_NANOS;
            while (runs < times.length && (runs < MIN_RUNS || System.nanoTime() < end)) {
                long t0 = System.nanoTime();
                model.run(input, output, batch);
                times[runs++] = System.nanoTime() - t0;
            }
            long[] done = Arrays.copyOf(times, runs);
            Arrays.sort(done);
            return done[runs / 2] / 1e6;
        } catch (dev.snet.runtime.weights.WeightsException e) {
            throw new IllegalStateException("random weights cover every key", e);
        } catch (IOException e) {
            throw new LatencyException("cannot unload the compiled model: " + e.getMessage());
        }
    }

    /** Runs until the JIT has compiled nothing new for a while (at least the warm-up time, at most five seconds). */
    private void warmUp(CompiledModel model, float[] input, float[] output) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        boolean watch = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long last = start;
        long compiled = watch ? jit.getTotalCompilationTime() : 0;
        long now;
        do {
            model.run(input, output, batch);
            now = System.nanoTime();
            if (watch && jit.getTotalCompilationTime() != compiled) {
                compiled = jit.getTotalCompilationTime();
                last = now;
            }
        } while (now - start < MAX_WARMUP_NANOS && (now - start < WARMUP_NANOS || (watch && now - last < 300_000_000L)));
    }
}

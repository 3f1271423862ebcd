package dev.snet.compiler.cli;

import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.util.Json;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.ParallelModel;
import dev.snet.runtime.StepTimes;
import dev.snet.runtime.WorkerPool;
import dev.snet.runtime.backend.Backend;
import dev.snet.runtime.backend.Backends;
import dev.snet.runtime.kernels.Planar;
import dev.snet.runtime.kernels.VectorShape;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.SafeTensorsSource;
import dev.snet.runtime.weights.WeightSource;
import dev.snet.runtime.weights.WeightsException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times the compiled model: median and p90 latency per batch, images/s, GFLOP/s and the share of this",
                "machine's measured FP32 peak, and bytes allocated per inference (all threads). Progress goes to stderr."})
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConcreteModel modelFile;

    @Option(names = "--batch", split = ",", defaultValue = "1", paramLabel = "N,...", description = "batch sizes (default 1)")
    List<Integer> batches;

    @Option(names = "--threads", split = ",", paramLabel = "N,...", description = "thread counts (default: available cores)")
    List<Integer> threads;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "S",
            description = "warm-up seconds per configuration (default 2), then on until the JIT has been idle for a second and runs allocate nothing; 0: none")
    double warmup;

    @Option(names = "--iterations", defaultValue = "30", paramLabel = "N", description = "timed runs per configuration (default 30)")
    int iterations;

    @Option(names = "--weights", paramLabel = "W.safetensors", description = "weights (default: deterministic random)")
    Path weights;

    @Option(names = "--json", description = "print one JSON object per configuration")
    boolean json;

    @Option(names = "--profile", description = {"also time every step (on the calling thread) and print the slowest, with their share and GFLOP/s",
            "(JSON: a \"steps\" array per configuration)"})
    boolean profile;

    @Option(names = "--top", defaultValue = "25", paramLabel = "N", description = "steps listed by --profile (default 25; 0: all)")
    int top;

    @Mixin
    BackendOptions backendOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads == null) threads = List.of(Runtime.getRuntime().availableProcessors());
        if (iterations < 1 || !(warmup >= 0) || Double.isInfinite(warmup) || batches.stream().anyMatch(b -> b < 1 || b > 4096) || threads.stream().anyMatch(t -> t < 1 || t > 256)) {
            err.println("snetc bench: batch sizes 1-4096, threads 1-256, iterations >= 1 and warm-up >= 0");
            err.flush();
            return Snetc.USAGE;
        }
        Optional<Graph> graph = modelFile.graph(err);
        if (graph.isEmpty()) return Snetc.DIAGNOSTICS;
        Graph g = graph.get();
        Backends.Selection backend;
        try {
            backend = backendOptions.select();
        } catch (BackendOptions.Unusable e) {
            return modelFile.fail(err, e.getMessage());
        }
        if (backend.backend() == Backend.TORNADO && profile && backendOptions.backend == Backend.TORNADO) {
            return modelFile.fail(err, "--profile times the CPU target's steps; TornadoVM's own profiler times kernels (-Dtornado.profiler=True)");
        }
        if (backend.backend() == Backend.TORNADO && !profile) {
            Integer done = onTornado(g, backend, out, err);
            if (done != null) return done;
        }
        ModelCache.Loaded loaded;
        try {
            ModelCompiler.Options options = ModelCompiler.Options.defaults(g);
            loaded = ModelCache.standard().load(ModelCompiler.compile(g, profile ? options.profiled() : options, Targets.CPU).source());
        } catch (JavaCompilation.NoJavac | JavaCompilation.TooLarge e) {
            err.println("error: " + e.getMessage());
            return Snetc.DIAGNOSTICS;
        } catch (JavaCompilation.CompilationException e) {
            throw new IllegalStateException(e.getMessage(), e);  // javac rejected generated code: snetc's bug, an internal error
        }
        backendOptions.announce(err);
        err.println("bench: " + g.model() + " " + g.parameters() + ", kernels " + Planar.implementation());
        err.print("bench: measuring this core's FP32 peak... ");
        err.flush();
        Planar.peakGflops(300_000_000L);
        double peak = Planar.peakGflops(300_000_000L);
        err.printf("%.1f GFLOP/s%n", peak);
        long macs = Cost.totalMacs(g);
        if (!json) out.printf("%-6s %-7s %10s %10s %10s %10s %8s %12s%n", "batch", "threads", "median ms", "p90 ms", "images/s", "GFLOP/s", "peak", "bytes/inf");
        java.util.Set<String> said = new java.util.HashSet<>();  // each replica binds the same file: warn once
        Class<? extends CompiledModel> type = loaded.type();
        try (loaded; WeightFile file = new WeightFile(weights, m -> { if (said.add(m)) err.println("warning: " + m); })) {
            for (int t : threads) {
                try (WorkerPool pool = new WorkerPool(t)) {
                    ParallelModel model = new ParallelModel(p -> ModelCache.instantiate(type, file.source(), p), pool);
                    for (int b : batches) {
                        StepTimes times = profile ? ((StepTimes.Profiled) model.instanceOnCaller(b)).stepTimes() : null;
                        Map<String, Object> r = measure(model, pool, b, macs, peak, err, times, false);
                        if (times != null) r.put("steps", StepProfile.json(times));
                        if (json) out.println(Json.write(r));
                        else out.printf("%-6d %-7d %10.3f %10.3f %10.1f %10.2f %7.1f%% %12d%n", b, t, r.get("median_ms"), r.get("p90_ms"),
                                r.get("images_per_s"), r.get("gflops"), 100 * (double) r.get("peak_fraction"), r.get("bytes_per_inference"));
                        if (times != null && !json) StepProfile.print(out, times, top, peak);
                        out.flush();
                    }
                }
            }
        }
        return Snetc.OK;
    }

    /**
     * Every batch size on TornadoVM (threads do not apply), or null when the model could not be
     * built under --backend auto: only the first build may fall back, before anything is printed;
     * a later one failing is an error.
     */
    private Integer onTornado(Graph g, Backends.Selection backend, PrintWriter out, PrintWriter err) throws Exception {
        long macs = Cost.totalMacs(g);
        try (WeightFile file = new WeightFile(weights, m -> err.println("warning: " + m))) {
            for (int i = 0; i < batches.size(); i++) {
                int b = batches.get(i);
                CompiledModel model;
                try {
                    model = TornadoModels.build(g, file.source(), backend.device(), b);
                } catch (TornadoModels.NotBuilt e) {
                    if (i > 0) return modelFile.fail(err, "cannot run on TornadoVM: " + e.getMessage());
                    try {
                        backendOptions.giveWayToCpu(e.getMessage());
                    } catch (BackendOptions.Unusable refused) {
                        return modelFile.fail(err, refused.getMessage());
                    }
                    return null;
                }
                if (i == 0) {
                    backendOptions.announce(err);
                    err.println("bench: " + g.model() + " " + g.parameters() + " on TornadoVM");
                    if (!json) out.printf("%-6s %-7s %10s %10s %10s %10s %8s %12s%n", "batch", "threads", "median ms", "p90 ms", "images/s", "GFLOP/s", "peak", "bytes/inf");
                }
                try {
                    Map<String, Object> r = measure(model, WorkerPool.SINGLE, b, macs, Double.NaN, err, null, true);
                    if (json) out.println(Json.write(r));
                    else out.printf("%-6d %-7s %10.3f %10.3f %10.1f %10.2f %8s %12d%n", b, "-", r.get("median_ms"), r.get("p90_ms"),
                            r.get("images_per_s"), r.get("gflops"), "-", r.get("bytes_per_inference"));
                    out.flush();
                } finally {
                    if (model instanceof AutoCloseable c) c.close();
                }
            }
        }
        return Snetc.OK;
    }

    /** The weights file, opened once for every replica, or the random initialisation. */
    private static final class WeightFile implements AutoCloseable {
        private final SafeTensorsSource file;

        WeightFile(Path path, java.util.function.Consumer<String> warnings) throws WeightsException {
            this.file = path == null ? null : SafeTensorsSource.open(path, warnings);
        }

        WeightSource source() { return file != null ? file : new RandomInit(0); }

        @Override
        public void close() {
            if (file != null) file.close();
        }
    }

    /**
     * Runs the model for the warm-up time and then on until it is in its steady state, at most a
     * minute: the JIT has compiled nothing for a second and a run allocates nothing. A kernel called
     * once per inference reaches the optimising compiler only after hundreds of calls, and until
     * then it runs profiled, slowly and allocating. Returns the seconds it took.
     */
    private double warmUp(Runnable inference, long[] threads, boolean allocates) {
        if (warmup == 0) return 0;
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long minimum = start + (long) (warmup * 1e9);
        long limit = start + (long) (Math.max(60, warmup) * 1e9);
        long lastChange = start;
        long compiled = watchJit ? jit.getTotalCompilationTime() : 0;
        long now;
        boolean allocating;
        do {
            long before = allocated(mx, threads);
            inference.run();
            allocating = allocated(mx, threads) - before > 1024;
            now = System.nanoTime();
            if (watchJit && jit.getTotalCompilationTime() != compiled) {
                compiled = jit.getTotalCompilationTime();
                lastChange = now;
            }
        } while (now < limit && (now < minimum || (allocating && !allocates) || (watchJit && now - lastChange < 1_000_000_000L)));
        return (now - start) / 1e9;
    }

    /** Bytes the threads have allocated so far (the JVM's per-thread counters). */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] threads) {
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(threads)) sum += bytes;
        return sum;
    }

    /**
     * Times {@code model} at {@code batch}. {@code allocates}: the model allocates a little per run
     * whatever happens (TornadoVM's execute makes its result objects), so the warm-up does not wait
     * for allocation to stop.
     */
    private Map<String, Object> measure(CompiledModel model, WorkerPool pool, int batch, long macs, double peak, PrintWriter err, StepTimes steps,
                                        boolean allocates) {
        float[] input = new float[batch * model.inputSize()];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
        float[] output = new float[batch * model.outputSize()];
        err.printf("bench: batch %d, %d thread%s: warm-up %.1f s", batch, pool.threads(), pool.threads() == 1 ? "" : "s", warmup);
        err.flush();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = new long[pool.workerIds().length + 1];
        ids[0] = Thread.currentThread().threadId();
        System.arraycopy(pool.workerIds(), 0, ids, 1, ids.length - 1);
        double settled = warmUp(() -> model.run(input, output, batch), ids, allocates);
        err.printf("%s, %d runs%n", settled > warmup + 0.5 ? String.format(" (steady after %.1f s)", settled) : "", iterations);
        err.flush();
        if (steps != null) steps.reset();
        long[] times = new long[iterations];
        // Reading the counters allocates their result array: measured by two reads in a row, and taken off.
        long firstRead = allocated(mx, ids);
        long counterCost = allocated(mx, ids) - firstRead;
        long allocatedBefore = allocated(mx, ids);
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            model.run(input, output, batch);
            times[i] = System.nanoTime() - start;
        }
        long allocated = Math.max(0, allocated(mx, ids) - allocatedBefore - counterCost);
        Arrays.sort(times);
        double median = times[times.length / 2] / 1e6;
        double p90 = times[Math.min(times.length - 1, (int) Math.ceil(times.length * 0.9) - 1)] / 1e6;
        double gflops = 2.0 * macs * batch / (median / 1e3) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("batch", batch);
        r.put("threads", pool.threads());
        r.put("median_ms", median);
        r.put("p90_ms", p90);
        r.put("images_per_s", batch / (median / 1e3));
        r.put("gflops", gflops);
        r.put("peak_fraction", gflops / (peak * pool.threads()));
        r.put("bytes_per_inference", allocated / ((long) iterations * batch));
        r.put("peak_gflops_per_core", peak);
        VectorShape shape = Planar.vectorShape();
        r.put("kernels", Planar.implementation());
        r.put("vector_bits", Planar.SIMD && shape != null ? shape.bits() : 0);
        r.put("vector_registers", shape == null ? 0 : shape.registers());
        r.put("use_avx", shape == null ? -1 : shape.useAvx());
        return r;
    }
}

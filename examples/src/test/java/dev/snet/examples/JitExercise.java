package dev.snet.examples;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import dev.snet.examples.models.ShuffleNetV2;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.weights.RandomInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a model long enough for the JIT to compile every kernel it uses with its optimising
 * compiler, then until its inferences allocate nothing (or a time limit passes), and prints how
 * many bytes the last of them allocated: the child process of {@link JitHealthTest}. The model is
 * the embedded ShuffleNet v2, or a zoo file compiled here.
 *
 * <pre>JitExercise WARM_MS LIMIT_MS [MODEL.snet [k=v,k=v]]</pre>
 */
public final class JitExercise {
    private JitExercise() {}

    public static void main(String[] args) throws Exception {
        CompiledModel model = args.length > 2 ? compiled(Path.of(args[2]), args.length > 3 ? args[3] : "") : new ShuffleNetV2(new RandomInit(0));
        float[] x = new float[model.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        float[] y = new float[model.outputSize()];
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        int runs = 0;
        while (System.nanoTime() < end || runs < 200) {
            model.run(x, y, 1);
            runs++;
        }
        System.out.println("runs " + runs);
        System.out.println("kernels " + dev.snet.runtime.kernels.Planar.implementation());
        long limit = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
        long bytes;
        do {
            bytes = allocatedBy(model, x, y, 20);
        } while (bytes > 0 && System.nanoTime() < limit);
        System.out.println("bytes per inference " + bytes);
        if (bytes > 0) System.out.println("allocated in " + allocationSites(model, x, y));
    }

    /**
     * Where the allocations of a few inferences happen: the innermost snet frame of each allocation
     * JFR records, most frequent first. A kernel that boxes its vectors shows up by name and line.
     */
    private static String allocationSites(CompiledModel model, float[] x, float[] y) throws java.io.IOException {
        Path file = Files.createTempFile("jit-exercise", ".jfr");
        try (var recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            recording.start();
            for (int i = 0; i < 20; i++) model.run(x, y, 1);
            recording.stop();
            recording.dump(file);
            Map<String, Integer> sites = new java.util.HashMap<>();
            for (var event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
                if (event.getStackTrace() == null) continue;
                event.getStackTrace().getFrames().stream()
                        .filter(f -> f.getMethod().getType().getName().startsWith("dev.snet") || f.getMethod().getType().getName().startsWith("snet."))
                        .findFirst()
                        .ifPresent(f -> sites.merge(f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber(), 1, Integer::sum));
            }
            return sites.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                    .map(e -> e.getKey() + " x" + e.getValue()).toList().toString();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static CompiledModel compiled(Path file, String parameters) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String kv : parameters.split(",")) if (!kv.isEmpty()) values.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Diagnostics diagnostics = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile(file.toString(), Files.readString(file)), file, values, diagnostics)
                .orElseThrow(() -> new IllegalArgumentException(file + ": " + diagnostics.sorted()));
        var type = ModelCache.standard().load(ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).source()).type();
        return ModelCache.instantiate(type, new RandomInit(0));
    }

    /** Bytes this thread allocated per inference over {@code runs} inferences. */
    private static long allocatedBy(CompiledModel model, float[] x, float[] y, int runs) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) model.run(x, y, 1);
        return (threads.getCurrentThreadAllocatedBytes() - before) / runs;
    }
}

package dev.snet.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
import dev.snet.runtime.weights.SafeTensorsSource;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * snet's compiled model and ONNX Runtime in one JVM on one thread, taking turns of about 200 ms on
 * the same input. This machine's speed changes from one second to the next; two processes, or
 * even two turns of a few seconds, can each catch a different phase and move the ratio by 30 %.
 * With short turns both engines see the same machine; each turn's median run against the other
 * engine's next turn gives a ratio, and the median of those ratios is the figure to read. One
 * thread only: with more, ONNX Runtime's threads keep spinning after each of its runs and would
 * take cores from snet's next one.
 *
 * <pre>HeadToHead MODEL.snet PARAMS WEIGHTS.safetensors MODEL.onnx BATCH WARMUP_S TURNS NAME</pre>
 * PARAMS is {@code k=v,k=v} (or {@code -}); prints one JSON line (medians in ms: of the turns' medians).
 */
public final class HeadToHead {
    private HeadToHead() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: HeadToHead MODEL.snet PARAMS WEIGHTS.safetensors MODEL.onnx BATCH WARMUP_S TURNS NAME");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!args[1].equals("-")) {
            for (String kv : args[1].split(",")) parameters.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        int batch = Integer.parseInt(args[4]);
        double warmup = Double.parseDouble(args[5]);
        int turns = Integer.parseInt(args[6]);

        Diagnostics diagnostics = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile(file.toString(), Files.readString(file)), file, parameters, diagnostics)
                .orElseThrow(() -> new IllegalArgumentException(file + ": " + diagnostics.sorted()));
        Class<? extends CompiledModel> type = ModelCache.standard().load(ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).source()).type();

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SafeTensorsSource weights = SafeTensorsSource.open(Path.of(args[2]), System.err::println);
             WorkerPool pool = new WorkerPool(1);
             OrtSession.SessionOptions options = OrtBench.options(1)) {
            ParallelModel snet = new ParallelModel(p -> ModelCache.instantiate(type, weights, p), pool);
            try (OrtSession session = env.createSession(args[3], options)) {
                long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().values().iterator().next().getInfo()).getShape();
                if (shape[0] != batch) throw new IllegalArgumentException("the ONNX model's batch is " + shape[0] + ", not " + batch);
                float[] x = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
                if (x.length != batch * snet.inputSize()) throw new IllegalArgumentException("the two models' inputs differ in size");
                SplittableRandom random = new SplittableRandom(1);
                for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
                float[] y = new float[batch * snet.outputSize()];
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
                    Map<String, OnnxTensor> feed = Map.of(session.getInputNames().iterator().next(), tensor);
                    Runnable[] engines = {() -> snet.run(x, y, batch), () -> ort(session, feed)};
                    // Long enough for the JIT to finish with snet's kernels (snetc bench settles in 5-8 s).
                    long end = System.nanoTime() + (long) (Math.max(warmup, 8) * 1e9);
                    long warm = 0;
                    while (System.nanoTime() < end) {
                        for (Runnable e : engines) e.run();
                        warm++;
                    }
                    // Turns of about 200 ms: long enough that each engine runs from its own warm caches (the
                    // first run of a turn refills them and is not counted; in 20 ms turns both engines ran
                    // 25-50 % slower than alone), short enough that both see the same machine.
                    double pairMs = (Math.max(warmup, 8) * 1e3) / warm;
                    int perTurn = 1 + Math.max(1, (int) Math.ceil(200 / pairMs));
                    long[][] times = new long[2][turns];
                    long[] turn = new long[perTurn - 1];
                    for (int i = 0; i < turns; i++) {
                        for (int k = 0; k < 2; k++) {
                            int e = (i + k) % 2;  // who goes first alternates
                            engines[e].run();
                            for (int r = 0; r < turn.length; r++) {
                                long start = System.nanoTime();
                                engines[e].run();
                                turn[r] = System.nanoTime() - start;
                            }
                            Arrays.sort(turn);
                            times[e][i] = turn[turn.length / 2];
                        }
                    }
                    double[] ratios = new double[turns];
                    for (int i = 0; i < turns; i++) ratios[i] = (double) times[0][i] / times[1][i];
                    Arrays.sort(ratios);
                    for (long[] t : times) Arrays.sort(t);
                    System.out.printf("{\"engine\": \"head-to-head\", \"model\": \"%s\", \"batch\": %d, \"threads\": 1, \"snet_median_ms\": %.4f, "
                                    + "\"ort_median_ms\": %.4f, \"ratio_median\": %.4f, \"ratio_p10\": %.4f, \"ratio_p90\": %.4f, \"turns\": %d, \"runs_per_turn\": %d}%n",
                            args[7], batch, times[0][turns / 2] / 1e6, times[1][turns / 2] / 1e6, ratios[turns / 2],
                            ratios[turns / 10], ratios[Math.min(turns - 1, turns * 9 / 10)], turns, perTurn);
                }
            }
        }
    }

    private static void ort(OrtSession session, Map<String, OnnxTensor> feed) {
        try {
            session.run(feed).close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

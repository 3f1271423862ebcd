package dev.snet.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ONNX Runtime through its Java API, timed like `snetc bench`: one JSON line with the median and
 * p90 of ITERATIONS runs after WARMUP seconds.
 *
 * <pre>OrtBench MODEL.onnx BATCH THREADS WARMUP_S ITERATIONS NAME</pre>
 */
public final class OrtBench {
    private OrtBench() {}

    /** How every comparison runs ONNX Runtime: {@code threads} intra-op threads, sequential, all graph optimisations. */
    static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    public static void main(String[] args) throws OrtException {
        if (args.length != 6) {
            System.err.println("usage: OrtBench MODEL.onnx BATCH THREADS WARMUP_S ITERATIONS NAME");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        double warmup = Double.parseDouble(args[3]);
        int iterations = Integer.parseInt(args[4]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = options(threads)) {
            try (OrtSession session = env.createSession(args[0], options)) {
                long[] shape = session.getInputInfo().values().iterator().next().getInfo() instanceof ai.onnxruntime.TensorInfo t ? t.getShape() : null;
                if (shape == null || shape[0] != batch) throw new IllegalArgumentException("the model's batch is not " + batch);
                int n = 1;
                for (long d : shape) n *= (int) d;
                float[] x = new float[n];
                SplittableRandom random = new SplittableRandom(1);
                for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
                String input = session.getInputNames().iterator().next();
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)) {
                    Map<String, OnnxTensor> feed = Map.of(input, tensor);
                    long end = System.nanoTime() + (long) (warmup * 1e9);
                    do {
                        session.run(feed).close();
                    } while (System.nanoTime() < end);
                    long[] times = new long[iterations];
                    for (int i = 0; i < iterations; i++) {
                        long start = System.nanoTime();
                        session.run(feed).close();
                        times[i] = System.nanoTime() - start;
                    }
                    Arrays.sort(times);
                    System.out.printf("{\"engine\": \"onnxruntime-java\", \"model\": \"%s\", \"batch\": %d, \"threads\": %d, \"median_ms\": %.4f, \"p90_ms\": %.4f, \"version\": \"%s\"}%n",
                            args[5], batch, threads, times[iterations / 2] / 1e6,
                            times[Math.min(iterations - 1, (int) Math.ceil(iterations * 0.9) - 1)] / 1e6, env.getVersion());
                }
            }
        }
    }
}

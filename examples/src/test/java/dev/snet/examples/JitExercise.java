package dev.snet.examples;

import dev.snet.examples.models.ShuffleNetV2;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.weights.RandomInit;

/**
 * Runs the embedded ShuffleNet v2 long enough for the JIT to compile every kernel it uses with its
 * optimising compiler, then until its inferences allocate nothing (or a time limit passes), and
 * prints how many bytes the last of them allocated: the child process of {@link JitHealthTest}.
 */
public final class JitExercise {
    private JitExercise() {}

    public static void main(String[] args) throws Exception {
        CompiledModel model = new ShuffleNetV2(new RandomInit(0));
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
        long limit = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
        long bytes;
        do {
            bytes = allocatedBy(model, x, y, 20);
        } while (bytes > 0 && System.nanoTime() < limit);
        System.out.println("bytes per inference " + bytes);
    }

    /** Bytes this thread allocated per inference over {@code runs} inferences. */
    private static long allocatedBy(CompiledModel model, float[] x, float[] y, int runs) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) model.run(x, y, 1);
        return (threads.getCurrentThreadAllocatedBytes() - before) / runs;
    }
}

package dev.snet.runtime;

/**
 * A model compiled by snetc: a generated class with its shapes, arena and weights fixed. The
 * constructor binds the weights once; {@link #run} allocates nothing and may be called again and
 * again. An instance owns its arena, so it is not thread-safe: use one instance per thread (they
 * may share nothing but the weights file they were built from).
 */
public interface CompiledModel {

    /** The shape of one input sample, [C, H, W]. */
    int[] inputShape();

    /** The shape of one output sample, [classes] for a classifier. */
    int[] outputShape();

    /** Floats of the activation arena, per sample. */
    int arenaFloats();

    /**
     * Runs {@code batch} samples: {@code input} holds them one after the other in NCHW order,
     * {@code output} receives one output sample after the other.
     */
    default void run(float[] input, float[] output, int batch) {
        run(input, 0, output, 0, batch);
    }

    /** The same, reading from {@code input[inputOffset]} and writing from {@code output[outputOffset]}. */
    void run(float[] input, int inputOffset, float[] output, int outputOffset, int batch);

    default int inputSize() {
        int n = 1;
        for (int d : inputShape()) n *= d;
        return n;
    }

    default int outputSize() {
        int n = 1;
        for (int d : outputShape()) n *= d;
        return n;
    }
}

package dev.snet.runtime;

import dev.snet.runtime.weights.WeightsException;

/**
 * Runs a compiled model on several threads: a batch of at least as many samples as threads is
 * split between replicas (one arena each, no synchronisation inside a sample); a smaller batch
 * runs on one instance that splits its large convolutions between the threads. Each replica
 * holds its own copy of the weights. Allocates nothing per run; one caller at a time.
 */
public final class ParallelModel implements CompiledModel {
    /** Makes an instance of the model whose large layers use {@code pool} (a generated constructor). */
    @FunctionalInterface
    public interface Factory {
        CompiledModel create(WorkerPool pool) throws WeightsException;
    }

    private final WorkerPool pool;
    private final CompiledModel splitting;
    private final CompiledModel[] replicas;
    private final WorkerPool.Task samples;
    private final Exclusive exclusive = new Exclusive("this ParallelModel");
    private float[] input;
    private float[] output;
    private int inputOffset;
    private int outputOffset;

    public ParallelModel(Factory factory, WorkerPool pool) throws WeightsException {
        this.pool = pool;
        this.splitting = factory.create(pool);
        this.replicas = new CompiledModel[pool.threads()];
        for (int i = 0; i < replicas.length; i++) replicas[i] = pool.threads() == 1 ? splitting : factory.create(WorkerPool.SINGLE);
        int in = splitting.inputSize();
        int out = splitting.outputSize();
        this.samples = (worker, from, to) -> replicas[worker].run(input, inputOffset + from * in, output, outputOffset + from * out, to - from);
    }

    @Override
    public void run(float[] input, int inputOffset, float[] output, int outputOffset, int batch) {
        if (batch < pool.threads()) {
            splitting.run(input, inputOffset, output, outputOffset, batch);
            return;
        }
        exclusive.enter();
        this.input = input;
        this.output = output;
        this.inputOffset = inputOffset;
        this.outputOffset = outputOffset;
        try {
            pool.run(batch, samples);
        } finally {
            this.input = null;
            this.output = null;
            exclusive.exit();
        }
    }

    /** The instance that runs on the calling thread for a batch of {@code batch} samples (for profiling). */
    public CompiledModel instanceOnCaller(int batch) {
        return batch < pool.threads() ? splitting : replicas[0];
    }

    @Override
    public int[] inputShape() { return splitting.inputShape(); }

    @Override
    public int[] outputShape() { return splitting.outputShape(); }

    @Override
    public int arenaFloats() { return splitting.arenaFloats(); }
}

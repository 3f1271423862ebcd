package dev.snet.bench;

import dev.snet.bench.models.ShuffleNetCifar;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.ParallelModel;
import dev.snet.runtime.WorkerPool;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.WeightsException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** The seed model (CIFAR ShuffleNet G2), compiled when this module was built, as a service would run it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ModelBench {
    @Param({"1", "32"})
    int batch;

    @Param({"1", "2"})
    int threads;

    WorkerPool pool;
    CompiledModel model;
    float[] input;
    float[] output;

    @Setup
    public void setup() throws WeightsException {
        pool = new WorkerPool(threads);
        model = new ParallelModel(p -> new ShuffleNetCifar(new RandomInit(0), p), pool);
        input = new float[batch * model.inputSize()];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) input[i] = (float) r.nextGaussian();
        output = new float[batch * model.outputSize()];
    }

    @TearDown
    public void tearDown() {
        pool.close();
    }

    @Benchmark
    public float[] cifarShuffleNetG2() {
        model.run(input, output, batch);
        return output;
    }
}

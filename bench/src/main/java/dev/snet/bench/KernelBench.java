package dev.snet.bench;

import dev.snet.runtime.kernels.Planar;
import dev.snet.runtime.kernels.Planes;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels ShuffleNet v2 1.0x spends its time in, at its shapes: the 1x1 convolutions of each
 * stage, the 3x3 depthwise ones (stride 1 and 2) and the stem. GFLOP/s = 2 x MACs / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class KernelBench {
    /** channels x size: stage 2, 3 and 4 of ShuffleNet v2 1.0x. */
    @Param({"58x28", "116x14", "232x7"})
    String shape;

    float[] arena;
    int[] in;
    int[] out;
    int[] outStrided;
    int c;
    int size;
    float[] pointwise;
    float[] depthwise;
    float[] stem;
    float[] bias;

    @Setup
    public void setup() {
        c = Integer.parseInt(shape.split("x")[0]);
        size = Integer.parseInt(shape.split("x")[1]);
        int plane = size * size;
        arena = new float[4 * c * plane + 3 * 224 * 224 + 24 * 112 * 112];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < arena.length; i++) arena[i] = (float) r.nextGaussian();
        in = Planes.range(0, c, plane);
        out = Planes.range(c * plane, c, plane);
        outStrided = Planes.range(2 * c * plane, c, plane / 4);
        pointwise = Planar.convWeights(random(c * c, r), c, c, 1, 1, 0, 1);  // in the layout the kernels read
        depthwise = random(c * 9, r);
        stem = Planar.convWeights(random(24 * 27, r), 3, 24, 3, 2, 1, 1);
        bias = random(Math.max(c, 24), r);
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() - 0.5);
        return v;
    }

    @Benchmark
    public void pointwise1x1() {
        Planar.conv(arena, in, size, size, out, size, size, pointwise, bias, c, c, 1, 1, 0, 1, Planar.RELU);
    }

    @Benchmark
    public void depthwise3x3() {
        Planar.conv(arena, in, size, size, out, size, size, depthwise, bias, c, c, 3, 1, 1, c, Planar.NONE);
    }

    @Benchmark
    public void depthwise3x3Stride2() {
        Planar.conv(arena, in, size, size, outStrided, size / 2, size / 2, depthwise, bias, c, c, 3, 2, 1, c, Planar.NONE);
    }

    @Benchmark
    public void stem3x3Stride2() {
        int base = 4 * c * size * size;
        Planar.conv(arena, Planes.range(base, 3, 224 * 224), 224, 224, Planes.range(base + 3 * 224 * 224, 24, 112 * 112), 112, 112,
                stem, bias, 3, 24, 3, 2, 1, 1, Planar.RELU);
    }
}

package dev.snet.runtime;

import java.util.Arrays;

/** A dense float32 tensor in row-major (NCHW) order. The shape includes the batch dimension. */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    public Tensor(int[] shape, float[] data) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        this.shape = shape.clone();
        this.data = data;
    }

    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return new Tensor(shape, new float[Math.toIntExact(n)]);
    }

    public int[] shape() { return shape.clone(); }

    public int dim(int i) { return shape[i]; }

    public int rank() { return shape.length; }

    /** The values, shared (not copied): kernels read and write them in place. */
    public float[] data() { return data; }

    public int batch() { return shape[0]; }

    @Override
    public String toString() { return "Tensor" + Arrays.toString(shape); }
}

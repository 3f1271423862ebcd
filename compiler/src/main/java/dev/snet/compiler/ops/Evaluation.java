package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Shape;
import java.util.List;

/**
 * What an op's reference semantics computes from: a batch of {@code batch} samples, each input's
 * values ([batch, ...its shape]) and shape, the op's output shape and its evaluated weights.
 */
public record Evaluation(int batch, List<float[]> inputs, List<Shape> shapes, Shape output, float[][] weights) {

    /** The first input's values. */
    public float[] x() { return inputs.get(0); }

    /** Input {@code i}'s values. */
    public float[] input(int i) { return inputs.get(i); }

    /** The first input's shape. */
    public Shape in() { return shapes.get(0); }

    /** Positions per channel of the first input (1 for a flat one). */
    public int plane() { return in().height() * in().width(); }
}

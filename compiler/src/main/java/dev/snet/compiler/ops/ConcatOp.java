package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Concatenation along channels. */
public final class ConcatOp implements OpDefinition<Op.Concat> {
    static final ConcatOp INSTANCE = new ConcatOp();

    private ConcatOp() {}

    public Shape shape(Op.Concat op, List<Shape> inputs, Check check) {
        return inputs.get(0).withChannels(inputs.stream().mapToInt(Shape::channels).sum());
    }

    public long macs(Op.Concat op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Concat op) { return op.kind(); }

    public float[] evaluate(Op.Concat op, Evaluation e) {
        int[] channels = e.shapes().stream().mapToInt(Shape::channels).toArray();
        return Reference.concat(e.inputs().toArray(float[][]::new), channels, e.batch(), e.plane());
    }

    public boolean nonNegative(Op.Concat op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Concat op) { return false; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Concat op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Concat op) { return Optional.empty(); }
}

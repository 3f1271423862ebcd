package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The mean of each channel: [C, H, W] to [C, 1, 1]. */
public final class GlobalAvgPoolOp implements OpDefinition<Op.GlobalAvgPool> {
    static final GlobalAvgPoolOp INSTANCE = new GlobalAvgPoolOp();

    private GlobalAvgPoolOp() {}

    public Shape shape(Op.GlobalAvgPool op, List<Shape> inputs, Check check) {
        return Shape.chw(inputs.get(0).channels(), 1, 1);
    }

    public long macs(Op.GlobalAvgPool op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.GlobalAvgPool op) { return op.kind(); }

    public float[] evaluate(Op.GlobalAvgPool op, Evaluation e) { return Reference.globalAvgPool(e.x(), e.batch(), e.in().channels(), e.plane()); }

    public boolean nonNegative(Op.GlobalAvgPool op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.GlobalAvgPool op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("global_avgpool", List.of(), true, call -> Optional.<Op>of(new Op.GlobalAvgPool())));
    }

    public Optional<Op> withActivation(Op.GlobalAvgPool op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.GlobalAvgPool op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

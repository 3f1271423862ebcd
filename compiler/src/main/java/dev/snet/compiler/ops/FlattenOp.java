package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.sema.Elaborator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** [C, H, W] to [C * H * W]: the same floats, another shape. */
public final class FlattenOp implements OpDefinition<Op.Flatten> {
    static final FlattenOp INSTANCE = new FlattenOp();

    private FlattenOp() {}

    public Shape shape(Op.Flatten op, List<Shape> inputs, Check check) { return Shape.flat((int) inputs.get(0).elements()); }

    public long macs(Op.Flatten op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Flatten op) { return op.kind(); }

    public float[] evaluate(Op.Flatten op, Evaluation e) { return e.x(); }

    public boolean nonNegative(Op.Flatten op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Flatten op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("flatten", List.of(), false, call -> {
            if (call.input().elements() > Elaborator.MAX_DIM * 64) {
                call.rangeError("flatten gives too many features: " + call.input().elements(), "pool the feature map first");
                return Optional.empty();
            }
            return Optional.of(new Op.Flatten());
        }));
    }

    public Optional<Op> withActivation(Op.Flatten op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Flatten op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

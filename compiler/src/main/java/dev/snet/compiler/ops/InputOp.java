package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The model's input: its shape is given, it computes nothing. */
public final class InputOp implements OpDefinition<Op.Input> {
    static final InputOp INSTANCE = new InputOp();

    private InputOp() {}

    public Shape shape(Op.Input op, List<Shape> inputs, Check check) {
        throw new IllegalStateException("the input's shape is given, not computed");
    }

    public long macs(Op.Input op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Input op) { return op.kind(); }

    public float[] evaluate(Op.Input op, Evaluation e) { return e.x(); }

    public boolean nonNegative(Op.Input op, BooleanSupplier inputsNonNegative) { return false; }

    public boolean mayRunInPlace(Op.Input op) { return false; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Input op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Input op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The residual add of two tensors of one shape, with a fused activation. */
public final class AddOp implements OpDefinition<Op.Add> {
    static final AddOp INSTANCE = new AddOp();

    private AddOp() {}

    public Shape shape(Op.Add op, List<Shape> inputs, Check check) {
        check.that(inputs.get(1).equals(inputs.get(0)), "add of different shapes");
        return inputs.get(0);
    }

    public long macs(Op.Add op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Add a) { return "add" + a.activation().suffix(); }

    public float[] evaluate(Op.Add a, Evaluation e) { return ActivateOp.apply(Reference.add(e.x(), e.input(1)), a.activation()); }

    public boolean nonNegative(Op.Add a, BooleanSupplier inputsNonNegative) { return a.activation().nonNegative(); }

    public boolean mayRunInPlace(Op.Add op) { return true; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Add op, Activation a) {
        return op.activation() == Activation.NONE ? Optional.of(new Op.Add(a)) : Optional.empty();
    }

    public Optional<Op> withFoldedBatchNorm(Op.Add op) { return Optional.empty(); }
}

package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
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
}

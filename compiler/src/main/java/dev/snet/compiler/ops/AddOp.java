package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
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

    public List<TensorFunction> functions() {
        return List.of(new TensorFunction("add", false, call -> {
            if (!call.allTensors()) return Optional.empty();
            if (call.arguments() != 2) {
                call.error(Code.SN0202, -1, "`add` takes 2 tensors, not " + call.arguments(), call.arguments() + " given", List.of(), "write `add(a, b)`");
                return Optional.empty();
            }
            Shape a = call.tensor(0).orElseThrow();
            Shape b = call.tensor(1).orElseThrow();
            if (!a.equals(b)) {
                call.error(Code.SN0301, -1, "add of tensors with different shapes: " + a + " and " + b, "shapes differ",
                        List.of(new FunctionCall.Note(0, "the first, " + a + ", comes from here"), new FunctionCall.Note(1, "the second, " + b + ", comes from here")),
                        "both branches must end with the same channels and stride; a stride-2 unit usually concatenates instead");
                return Optional.empty();
            }
            return Optional.of(List.of(new TensorFunction.Applied(new Op.Add(Activation.NONE), List.of(0, 1))));
        }));
    }
}

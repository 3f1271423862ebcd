package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Squeeze-and-excitation's rescaling: each channel times its factor from a [C, 1, 1] tensor. */
public final class ScaleOp implements OpDefinition<Op.Scale> {
    static final ScaleOp INSTANCE = new ScaleOp();

    private ScaleOp() {}

    public Shape shape(Op.Scale op, List<Shape> inputs, Check check) {
        Shape in = inputs.get(0);
        check.that(inputs.get(1).equals(Shape.chw(in.channels(), 1, 1)), "scale factors of shape " + inputs.get(1));
        return in;
    }

    // Neither the papers nor PyTorch's counters count it.
    public long macs(Op.Scale op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Scale op) { return op.kind(); }

    public float[] evaluate(Op.Scale op, Evaluation e) { return Reference.scale(e.x(), e.input(1), e.batch(), e.in().channels(), e.plane()); }

    public boolean nonNegative(Op.Scale op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.Scale op) { return true; }

    public List<Layer> layers() { return List.of(); }

    public Optional<Op> withActivation(Op.Scale op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Scale op) { return Optional.empty(); }

    public List<TensorFunction> functions() {
        return List.of(new TensorFunction("scale", false, call -> {
            if (!call.allTensors()) return Optional.empty();
            if (call.arguments() != 2) {
                call.error(Code.SN0202, -1, "`scale` takes 2 tensors, not " + call.arguments(), call.arguments() + " given", List.of(),
                        "write `scale(x, s)`, with s of shape [C, 1, 1]");
                return Optional.empty();
            }
            Shape x = call.tensor(0).orElseThrow();
            Shape s = call.tensor(1).orElseThrow();
            if (x.rank() != 3 || !s.equals(Shape.chw(x.channels(), 1, 1))) {
                call.error(Code.SN0306, -1, "`scale` needs factors of shape [C, 1, 1] for a tensor [C, H, W]: got " + x + " and " + s,
                        "shapes do not match",
                        List.of(new FunctionCall.Note(0, "the tensor, " + x + ", comes from here"), new FunctionCall.Note(1, "the factors, " + s + ", come from here")),
                        "compute the factors from the tensor itself: `x |> global_avgpool |> conv(x.c // 4) |> relu |> conv(x.c) |> hsigmoid`");
                return Optional.empty();
            }
            return Optional.of(List.of(new TensorFunction.Applied(new Op.Scale(), List.of(0, 1))));
        }));
    }
}

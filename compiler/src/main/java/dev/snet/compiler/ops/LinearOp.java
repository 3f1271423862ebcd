package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.Layer.Arg;
import dev.snet.compiler.ops.Layer.Kind;
import dev.snet.compiler.sema.Elaborator;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A fully connected layer, with a fused bias and activation. */
public final class LinearOp implements OpDefinition<Op.Linear> {
    static final LinearOp INSTANCE = new LinearOp();

    private LinearOp() {}

    public Shape shape(Op.Linear l, List<Shape> inputs, Check check) { return Shape.flat(l.outFeatures()); }

    public long macs(Op.Linear l, List<Shape> inputs, Shape output) { return (long) inputs.get(0).channels() * l.outFeatures(); }

    public String describe(Op.Linear l) { return "fc" + (l.bias() ? " +b" : "") + l.activation().suffix(); }

    public float[] evaluate(Op.Linear l, Evaluation e) {
        float[] y = Reference.linear(e.x(), e.batch(), e.in().channels(), e.weights()[0], l.bias() ? e.weights()[1] : null, l.outFeatures());
        return ActivateOp.apply(y, l.activation());
    }

    public boolean nonNegative(Op.Linear l, BooleanSupplier inputsNonNegative) { return l.activation().nonNegative(); }

    public boolean mayRunInPlace(Op.Linear op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("fc", List.of(Arg.required("out", Kind.INT), Arg.optional("bias", Kind.BOOL, true)), false, call -> {
            if (call.input().rank() != 1) {
                call.rankError("`fc` needs a flat input [F], but its input is " + call.input(), "insert `flatten` (after `global_avgpool`) before `fc`");
                return Optional.empty();
            }
            int out = call.integer("out", 1, Elaborator.MAX_DIM);
            boolean bias = call.bool("bias");
            return call.failed() ? Optional.empty() : Optional.of(new Op.Linear(out, bias, Activation.NONE));
        }));
    }

    public Optional<Op> withActivation(Op.Linear l, Activation a) {
        return l.activation() == Activation.NONE ? Optional.of(l.withActivation(a)) : Optional.empty();
    }

    public Optional<Op> withFoldedBatchNorm(Op.Linear l) {
        return l.activation() == Activation.NONE ? Optional.of(l.withBias()) : Optional.empty();
    }

    public List<TensorFunction> functions() { return List.of(); }
}

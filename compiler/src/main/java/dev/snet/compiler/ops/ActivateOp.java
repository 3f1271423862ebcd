package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A stand-alone activation; its kinds are the constants of {@link Activation}. */
public final class ActivateOp implements OpDefinition<Op.Activate> {
    static final ActivateOp INSTANCE = new ActivateOp();

    private ActivateOp() {}

    public Shape shape(Op.Activate op, List<Shape> inputs, Check check) { return inputs.get(0); }

    public long macs(Op.Activate op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Activate op) { return op.kind(); }

    public float[] evaluate(Op.Activate op, Evaluation e) { return apply(e.x(), op.activation()); }

    public boolean nonNegative(Op.Activate op, BooleanSupplier inputsNonNegative) { return op.activation().nonNegative(); }

    public boolean mayRunInPlace(Op.Activate op) { return true; }

    /** An activation's reference semantics, fused into another op or not. */
    static float[] apply(float[] y, Activation a) {
        return a == Activation.NONE ? y : Reference.activation(y, a.code());
    }

    /** One step per activation, named by its keyword: {@code relu}, {@code hswish}... */
    public List<Layer> layers() {
        return java.util.Arrays.stream(Activation.values()).filter(a -> a != Activation.NONE)
                .map(a -> new Layer(a.keyword(), List.of(), false, call -> Optional.<Op>of(new Op.Activate(a)))).toList();
    }

    public Optional<Op> withActivation(Op.Activate op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Activate op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

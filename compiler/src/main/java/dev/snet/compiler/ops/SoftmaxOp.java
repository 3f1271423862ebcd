package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Softmax over channels, at each position. */
public final class SoftmaxOp implements OpDefinition<Op.Softmax> {
    static final SoftmaxOp INSTANCE = new SoftmaxOp();

    private SoftmaxOp() {}

    public Shape shape(Op.Softmax op, List<Shape> inputs, Check check) { return inputs.get(0); }

    public long macs(Op.Softmax op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.Softmax op) { return op.kind(); }

    public float[] evaluate(Op.Softmax op, Evaluation e) {
        return Reference.softmax(e.x(), e.batch(), e.in().channels(), e.in().rank() == 3 ? e.plane() : 1);
    }

    public boolean nonNegative(Op.Softmax op, BooleanSupplier inputsNonNegative) { return true; }

    public boolean mayRunInPlace(Op.Softmax op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("softmax", List.of(), false, call -> Optional.<Op>of(new Op.Softmax())));
    }

    public Optional<Op> withActivation(Op.Softmax op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.Softmax op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

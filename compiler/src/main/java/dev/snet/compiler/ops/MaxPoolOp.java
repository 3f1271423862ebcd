package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.Layer.Arg;
import dev.snet.compiler.ops.Layer.Kind;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Max pooling; padding never wins. */
public final class MaxPoolOp implements OpDefinition<Op.MaxPool> {
    static final MaxPoolOp INSTANCE = new MaxPoolOp();

    private MaxPoolOp() {}

    public Shape shape(Op.MaxPool p, List<Shape> inputs, Check check) {
        return Windows.pooled(inputs.get(0), p.kernel(), p.stride(), p.padding());
    }

    public long macs(Op.MaxPool op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.MaxPool p) {
        return "maxpool " + p.kernel() + "x" + p.kernel() + "/" + p.stride() + (p.padding() > 0 ? " p" + p.padding() : "");
    }

    public float[] evaluate(Op.MaxPool p, Evaluation e) {
        Shape in = e.in();
        return Reference.maxPool(e.x(), e.batch(), in.channels(), in.height(), in.width(), p.kernel(), p.stride(), p.padding());
    }

    public boolean nonNegative(Op.MaxPool op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.MaxPool op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("maxpool", List.of(Arg.required("kernel", Kind.INT), Arg.derived("stride", "kernel", k -> k),
                Arg.optional("pad", Kind.INT, 0L)), true, call -> Windows.pool(call, false)));
    }

    public Optional<Op> withActivation(Op.MaxPool op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.MaxPool op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

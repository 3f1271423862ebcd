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

/** Average pooling, with PyTorch's count_include_pad. */
public final class AvgPoolOp implements OpDefinition<Op.AvgPool> {
    static final AvgPoolOp INSTANCE = new AvgPoolOp();

    private AvgPoolOp() {}

    public Shape shape(Op.AvgPool p, List<Shape> inputs, Check check) {
        return Windows.pooled(inputs.get(0), p.kernel(), p.stride(), p.padding());
    }

    public long macs(Op.AvgPool op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.AvgPool p) {
        return "avgpool " + p.kernel() + "x" + p.kernel() + "/" + p.stride() + (p.padding() > 0 ? " p" + p.padding() : "")
                + (p.countIncludePad() ? "" : " excl");
    }

    public float[] evaluate(Op.AvgPool p, Evaluation e) {
        Shape in = e.in();
        return Reference.avgPool(e.x(), e.batch(), in.channels(), in.height(), in.width(), p.kernel(), p.stride(), p.padding(), p.countIncludePad());
    }

    public boolean nonNegative(Op.AvgPool op, BooleanSupplier inputsNonNegative) { return inputsNonNegative.getAsBoolean(); }

    public boolean mayRunInPlace(Op.AvgPool op) { return false; }

    public List<Layer> layers() {
        return List.of(new Layer("avgpool", List.of(Arg.required("kernel", Kind.INT), Arg.derived("stride", "kernel", k -> k),
                Arg.optional("pad", Kind.INT, 0L), Arg.optional("count_include_pad", Kind.BOOL, true)), true, call -> Windows.pool(call, true)));
    }

    public Optional<Op> withActivation(Op.AvgPool op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.AvgPool op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

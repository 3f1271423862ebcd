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

/** Batch norm with running statistics (what FoldBatchNorm could not fold into a conv or fc). */
public final class BatchNormOp implements OpDefinition<Op.BatchNorm> {
    static final BatchNormOp INSTANCE = new BatchNormOp();

    private BatchNormOp() {}

    public Shape shape(Op.BatchNorm op, List<Shape> inputs, Check check) { return inputs.get(0); }

    public long macs(Op.BatchNorm op, List<Shape> inputs, Shape output) { return 0; }

    public String describe(Op.BatchNorm op) { return op.kind(); }

    public float[] evaluate(Op.BatchNorm bn, Evaluation e) {
        float[][] w = e.weights();
        return Reference.batchNorm(e.x(), e.batch(), e.in().channels(), e.plane(), w[0], w[1], w[2], w[3], bn.eps());
    }

    public boolean nonNegative(Op.BatchNorm op, BooleanSupplier inputsNonNegative) { return false; }

    public boolean mayRunInPlace(Op.BatchNorm op) { return true; }

    public List<Layer> layers() {
        return List.of(new Layer("bn", List.of(Arg.optional("eps", Kind.FLOAT, 1e-5)), false, call -> {
            double eps = call.positive("eps");
            return call.failed() ? Optional.empty() : Optional.of(new Op.BatchNorm(eps));
        }));
    }

    public Optional<Op> withActivation(Op.BatchNorm op, Activation a) { return Optional.empty(); }

    public Optional<Op> withFoldedBatchNorm(Op.BatchNorm op) { return Optional.empty(); }

    public List<TensorFunction> functions() { return List.of(); }
}

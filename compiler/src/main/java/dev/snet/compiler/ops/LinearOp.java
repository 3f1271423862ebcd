package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A fully connected layer, with a fused bias and activation. */
public final class LinearOp implements OpDefinition<Op.Linear> {
    static final LinearOp INSTANCE = new LinearOp();

    private LinearOp() {}

    public Shape shape(Op.Linear l, List<Shape> inputs, List<Weight> weights, Check check) { return Shape.flat(l.outFeatures()); }

    public long macs(Op.Linear l, List<Shape> inputs, Shape output) { return (long) inputs.get(0).channels() * l.outFeatures(); }

    public String describe(Op.Linear l) { return "fc" + (l.bias() ? " +b" : "") + l.activation().suffix(); }

    public float[] evaluate(Op.Linear l, Evaluation e) {
        float[] y = Reference.linear(e.x(), e.batch(), e.in().channels(), e.weights()[0], l.bias() ? e.weights()[1] : null, l.outFeatures());
        return ActivateOp.apply(y, l.activation());
    }

    public boolean nonNegative(Op.Linear l, BooleanSupplier inputsNonNegative) { return l.activation().nonNegative(); }

    public boolean mayRunInPlace(Op.Linear op) { return false; }
}

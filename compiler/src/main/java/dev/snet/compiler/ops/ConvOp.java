package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.kernels.Reference;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A convolution: grouped, depthwise or dense, with a fused bias, residual add and activation. */
public final class ConvOp implements OpDefinition<Op.Conv> {
    static final ConvOp INSTANCE = new ConvOp();

    private ConvOp() {}

    public Shape shape(Op.Conv c, List<Shape> inputs, List<Weight> weights, Check check) {
        Shape in = inputs.get(0);
        check.that(in.channels() % c.groups() == 0 && c.outChannels() % c.groups() == 0, "groups do not divide channels");
        check.that(weights.size() == (c.bias() ? 2 : 1), "weights do not match the bias flag");
        check.that(weights.get(0).shape().equals(List.of(c.outChannels(), in.channels() / c.groups(), c.kernel(), c.kernel())),
                "weight shape " + weights.get(0).shape());
        Shape out = Shape.chw(c.outChannels(), Windows.size(in.height(), c.kernel(), c.stride(), c.padding()),
                Windows.size(in.width(), c.kernel(), c.stride(), c.padding()));
        check.that(inputs.size() == (c.residual() ? 2 : 1), "conv with " + inputs.size() + " inputs");
        if (c.residual()) check.that(inputs.get(1).equals(out), "residual of another shape than the conv's output");
        return out;
    }

    public long macs(Op.Conv c, List<Shape> inputs, Shape output) {
        return output.elements() * (inputs.get(0).channels() / c.groups()) * c.kernel() * c.kernel();
    }

    public String describe(Op.Conv c) {
        return "conv " + c.kernel() + "x" + c.kernel() + (c.stride() > 1 ? "/" + c.stride() : "") + (c.groups() > 1 ? " g" + c.groups() : "")
                + (c.bias() ? " +b" : "") + (c.residual() ? " +add" : "") + c.activation().suffix();
    }

    public float[] evaluate(Op.Conv c, Evaluation e) {
        Shape in = e.in();
        float[] y = Reference.conv2d(e.x(), e.batch(), in.channels(), in.height(), in.width(), e.weights()[0], c.bias() ? e.weights()[1] : null,
                c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups());
        return ActivateOp.apply(c.residual() ? Reference.add(y, e.input(1)) : y, c.activation());
    }

    public boolean nonNegative(Op.Conv c, BooleanSupplier inputsNonNegative) { return c.activation().nonNegative(); }

    public boolean mayRunInPlace(Op.Conv c) { return false; }
}

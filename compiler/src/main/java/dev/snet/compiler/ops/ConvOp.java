package dev.snet.compiler.ops;

import dev.snet.compiler.diag.Code;
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

/** A convolution: grouped, depthwise or dense, with a fused bias, residual add and activation. */
public final class ConvOp implements OpDefinition<Op.Conv> {
    static final ConvOp INSTANCE = new ConvOp();

    private ConvOp() {}

    public Shape shape(Op.Conv c, List<Shape> inputs, Check check) {
        Shape in = inputs.get(0);
        check.that(in.channels() % c.groups() == 0 && c.outChannels() % c.groups() == 0, "groups do not divide channels");
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

    public List<Layer> layers() {
        return List.of(
                new Layer("conv", List.of(Arg.required("out", Kind.INT), Arg.optional("kernel", Kind.INT, 1L), Arg.optional("stride", Kind.INT, 1L),
                        Arg.derived("pad", "kernel", k -> (k - 1) / 2), Arg.optional("groups", Kind.INT, 1L), Arg.optional("bias", Kind.BOOL, false)), true,
                        call -> build(call, call.integer("out", 1, Elaborator.MAX_DIM), call.integer("kernel", 1, 1024), call.integer("stride", 1, 1024),
                                call.integer("pad", 0, 1024), call.integer("groups", 1, Elaborator.MAX_DIM), call.bool("bias"))),
                new Layer("dwconv", List.of(Arg.optional("kernel", Kind.INT, 3L), Arg.optional("stride", Kind.INT, 1L),
                        Arg.derived("pad", "kernel", k -> (k - 1) / 2), Arg.optional("bias", Kind.BOOL, false)), true,
                        call -> build(call, call.input().channels(), call.integer("kernel", 1, 1024), call.integer("stride", 1, 1024),
                                call.integer("pad", 0, 1024), call.input().channels(), call.bool("bias"))));
    }

    private static Optional<Op> build(LayerCall call, int out, int kernel, int stride, int pad, int groups, boolean bias) {
        if (call.failed()) return Optional.empty();
        Shape in = call.input();
        if (in.channels() % groups != 0 || out % groups != 0) {
            boolean inputSide = in.channels() % groups != 0;
            int c = inputSide ? in.channels() : out;
            call.errorAtInput(Code.SN0300, (inputSide ? "input" : "output") + " channels " + c + " are not divisible by groups=" + groups,
                    "groups=" + groups, inputSide ? "the " + c + " input channels come from here" : null,
                    "make the " + (inputSide ? "input" : "output") + " channel count a multiple of " + groups + " (for example "
                            + (c + groups - 1) / groups * groups + "), or use groups that divide " + c);
            return Optional.empty();
        }
        call.outputSize(in.height(), kernel, stride, pad, "height");
        call.outputSize(in.width(), kernel, stride, pad, "width");
        return call.failed() ? Optional.empty() : Optional.of(new Op.Conv(out, kernel, stride, pad, groups, bias, Activation.NONE));
    }

    public Optional<Op> withActivation(Op.Conv c, Activation a) {
        return c.activation() == Activation.NONE ? Optional.of(c.withActivation(a)) : Optional.empty();
    }

    public Optional<Op> withFoldedBatchNorm(Op.Conv c) {
        return c.activation() == Activation.NONE ? Optional.of(c.withBias()) : Optional.empty();
    }

    public List<TensorFunction> functions() { return List.of(); }
}

package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.syntax.Ast;
import java.util.Map;
import java.util.Optional;

/** Builds the op of a pipeline step from its bound arguments and infers its output shape. */
final class Layers {
    private Layers() {}

    record Built(Op op, Shape shape) {}

    static Optional<Built> build(Ast.CallStage call, Map<String, Value> args, Node input, Elaborator ctx) {
        return new Builder(call, args, input, ctx).build();
    }

    private static final class Builder {
        private final Ast.CallStage call;
        private final Map<String, Value> args;
        private final Node input;
        private final Shape in;
        private final Elaborator ctx;
        private boolean failed;

        Builder(Ast.CallStage call, Map<String, Value> args, Node input, Elaborator ctx) {
            this.call = call;
            this.args = args;
            this.input = input;
            this.in = input.shape();
            this.ctx = ctx;
        }

        Optional<Built> build() {
            String name = call.name();
            Optional<Activation> activation = Activation.of(name);
            if (activation.isPresent()) return Optional.of(new Built(new Op.Activate(activation.get()), in));
            if (!name.equals("fc") && !name.equals("flatten") && !name.equals("softmax") && !name.equals("bn") && in.rank() != 3) {
                return rankError("`" + name + "` needs a feature map [C, H, W], but its input is " + in,
                        "apply it before `flatten`");
            }
            Built b = switch (name) {
                case "conv" -> conv(integer("out", 1, Elaborator.MAX_DIM), integer("kernel", 1, 1024), integer("stride", 1, 1024),
                        integer("pad", 0, 1024), integer("groups", 1, Elaborator.MAX_DIM), bool("bias"));
                case "dwconv" -> conv(in.channels(), integer("kernel", 1, 1024), integer("stride", 1, 1024), integer("pad", 0, 1024),
                        in.channels(), bool("bias"));
                case "bn" -> new Built(new Op.BatchNorm(positive("eps")), in);
                case "shuffle" -> shuffle(integer("groups", 1, Elaborator.MAX_DIM));
                case "maxpool" -> pool(false);
                case "avgpool" -> pool(true);
                case "global_avgpool" -> new Built(new Op.GlobalAvgPool(), Shape.chw(in.channels(), 1, 1));
                case "flatten" -> in.elements() > Elaborator.MAX_DIM * 64
                        ? fail(ctx.rangeError(call.span(), "flatten gives too many features: " + in.elements(), "pool the feature map first"))
                        : new Built(new Op.Flatten(), Shape.flat((int) in.elements()));
                case "fc" -> in.rank() != 1
                        ? rankBuilt("`fc` needs a flat input [F], but its input is " + in, "insert `flatten` (after `global_avgpool`) before `fc`")
                        : linear(integer("out", 1, Elaborator.MAX_DIM), bool("bias"));
                case "softmax" -> new Built(new Op.Softmax(), in);
                default -> throw new IllegalStateException("no builder for op " + name);
            };
            return failed || b == null ? Optional.empty() : Optional.of(b);
        }

        private Built conv(int out, int kernel, int stride, int pad, int groups, boolean bias) {
            if (failed) return null;
            if (in.channels() % groups != 0 || out % groups != 0) {
                boolean inputSide = in.channels() % groups != 0;
                int c = inputSide ? in.channels() : out;
                ctx.report(Diagnostic.error(Code.SN0300, call.span(),
                                (inputSide ? "input" : "output") + " channels " + c + " are not divisible by groups=" + groups)
                        .label("groups=" + groups)
                        .secondary(inputSide ? input.span() : null, "the " + c + " input channels come from here")
                        .help("make the " + (inputSide ? "input" : "output") + " channel count a multiple of " + groups
                                + " (for example " + roundUp(c, groups) + "), or use groups that divide " + c));
                return null;
            }
            int h = outputSize(in.height(), kernel, stride, pad, "height");
            int w = outputSize(in.width(), kernel, stride, pad, "width");
            if (failed) return null;
            return new Built(new Op.Conv(out, kernel, stride, pad, groups, bias, Activation.NONE), Shape.chw(out, h, w));
        }

        private Built linear(int out, boolean bias) {
            return failed ? null : new Built(new Op.Linear(out, bias, Activation.NONE), Shape.flat(out));
        }

        private Built shuffle(int groups) {
            if (failed) return null;
            if (in.channels() % groups != 0) {
                ctx.report(Diagnostic.error(Code.SN0300, call.span(), "channels " + in.channels() + " are not divisible by shuffle groups=" + groups)
                        .label("groups=" + groups)
                        .secondary(input.span(), "the " + in.channels() + " channels come from here")
                        .help("shuffle with groups that divide " + in.channels()));
                return null;
            }
            return new Built(new Op.Shuffle(groups), in);
        }

        private Built pool(boolean average) {
            int kernel = integer("kernel", 1, 1024);
            int stride = integer("stride", 1, 1024);
            int pad = integer("pad", 0, 1024);
            if (failed) return null;
            if (pad > kernel / 2) {
                fail(ctx.rangeError(call.span(), "pad " + pad + " is more than half the kernel " + kernel,
                        "use pad at most " + kernel / 2 + ", as PyTorch requires"));
                return null;
            }
            int h = outputSize(in.height(), kernel, stride, pad, "height");
            int w = outputSize(in.width(), kernel, stride, pad, "width");
            if (failed) return null;
            Op op = average ? new Op.AvgPool(kernel, stride, pad, bool("count_include_pad")) : new Op.MaxPool(kernel, stride, pad);
            return new Built(op, Shape.chw(in.channels(), h, w));
        }

        private int outputSize(int size, int kernel, int stride, int pad, String what) {
            long span = (long) size + 2L * pad - kernel;
            if (span < 0) {
                ctx.report(Diagnostic.error(Code.SN0303, call.span(), "`" + call.name() + "` gives an empty output: input " + what + " " + size
                                + " with pad " + pad + " is smaller than the kernel " + kernel)
                        .label("kernel " + kernel + ", stride " + stride + ", pad " + pad)
                        .secondary(input.span(), "the input, " + in + ", comes from here")
                        .help("use a smaller kernel, more padding, or less downsampling before this layer"));
                failed = true;
                return -1;
            }
            return (int) (span / stride + 1);
        }

        private int integer(String name, long min, long max) {
            Value v = args.get(name);
            if (!(v instanceof Value.IntV i)) {
                failed = true;
                return -1;
            }
            if (i.value() < min || i.value() > max) {
                ctx.report(Diagnostic.error(Code.SN0212, call.span(), "`" + name + "` of `" + call.name() + "` is " + i.value() + ", out of range")
                        .label(name + "=" + i.value()).help("use a value from " + min + " to " + max));
                failed = true;
                return -1;
            }
            return (int) i.value();
        }

        private boolean bool(String name) { return args.get(name) instanceof Value.BoolV b && b.value(); }

        private double positive(String name) {
            double d = Value.asDouble(args.get(name));
            if (!(d > 0)) {
                ctx.report(Diagnostic.error(Code.SN0212, call.span(), "`" + name + "` must be positive, got " + d)
                        .label(name).help("use a small positive value such as 1e-5"));
                failed = true;
            }
            return d;
        }

        private Optional<Built> rankError(String message, String help) {
            rankBuilt(message, help);
            return Optional.empty();
        }

        private Built rankBuilt(String message, String help) {
            ctx.report(Diagnostic.error(Code.SN0305, call.span(), message).label("input " + in)
                    .secondary(input.span(), "the input, " + in + ", comes from here").help(help));
            failed = true;
            return null;
        }

        private Built fail(Value poison) {
            failed = true;
            return null;
        }

        private static long roundUp(long c, long g) { return (c + g - 1) / g * g; }
    }
}

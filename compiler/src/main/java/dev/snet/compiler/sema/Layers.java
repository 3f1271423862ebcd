package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.Layer;
import dev.snet.compiler.ops.LayerCall;
import dev.snet.compiler.ops.Ops;
import dev.snet.compiler.syntax.Ast;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the op of a pipeline step from its bound arguments, as its definition's {@link Layer}
 * says, and infers its output shape with the definition's shape rule.
 */
final class Layers {
    private Layers() {}

    record Built(Op op, Shape shape) {}

    static Optional<Built> build(Ast.CallStage call, Map<String, Value> args, Node input, Elaborator ctx) {
        Layer layer = OpSignatures.layer(call.name()).orElseThrow(() -> new IllegalStateException("no step " + call.name()));
        Call c = new Call(call, args, input, ctx);
        if (layer.featureMap() && input.shape().rank() != 3) {
            c.rankError("`" + call.name() + "` needs a feature map [C, H, W], but its input is " + input.shape(), "apply it before `flatten`");
            return Optional.empty();
        }
        Optional<Op> op = layer.build().apply(c);
        if (c.failed() || op.isEmpty()) return Optional.empty();
        Shape shape = Ops.of(op.get()).shape(op.get(), List.of(input.shape()), (ok, what) -> {
            if (!ok) throw new IllegalStateException("`" + call.name() + "` built an op its shape rule rejects: " + what);
        });
        return Optional.of(new Built(op.get(), shape));
    }

    /** A step's arguments and input, with the diagnostics of their checks. */
    private static final class Call implements LayerCall {
        private final Ast.CallStage call;
        private final Map<String, Value> args;
        private final Node input;
        private final Elaborator ctx;
        private boolean failed;

        Call(Ast.CallStage call, Map<String, Value> args, Node input, Elaborator ctx) {
            this.call = call;
            this.args = args;
            this.input = input;
            this.ctx = ctx;
        }

        public String name() { return call.name(); }

        public Shape input() { return input.shape(); }

        public boolean failed() { return failed; }

        public int integer(String name, long min, long max) {
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

        public boolean bool(String name) { return args.get(name) instanceof Value.BoolV b && b.value(); }

        public double positive(String name) {
            double d = Value.asDouble(args.get(name));
            if (!(d > 0)) {
                ctx.report(Diagnostic.error(Code.SN0212, call.span(), "`" + name + "` must be positive, got " + d)
                        .label(name).help("use a small positive value such as 1e-5"));
                failed = true;
            }
            return d;
        }

        public int outputSize(int size, int kernel, int stride, int pad, String what) {
            long span = (long) size + 2L * pad - kernel;
            if (span < 0) {
                ctx.report(Diagnostic.error(Code.SN0303, call.span(), "`" + call.name() + "` gives an empty output: input " + what + " " + size
                                + " with pad " + pad + " is smaller than the kernel " + kernel)
                        .label("kernel " + kernel + ", stride " + stride + ", pad " + pad)
                        .secondary(input.span(), "the input, " + input.shape() + ", comes from here")
                        .help("use a smaller kernel, more padding, or less downsampling before this layer"));
                failed = true;
                return -1;
            }
            return (int) (span / stride + 1);
        }

        public void errorAtInput(Code code, String message, String label, String inputNote, String help) {
            ctx.report(Diagnostic.error(code, call.span(), message).label(label)
                    .secondary(inputNote == null ? null : input.span(), inputNote).help(help));
            failed = true;
        }

        public void rangeError(String message, String help) {
            ctx.rangeError(call.span(), message, help);
            failed = true;
        }

        public void rankError(String message, String help) {
            ctx.report(Diagnostic.error(Code.SN0305, call.span(), message).label("input " + input.shape())
                    .secondary(input.span(), "the input, " + input.shape() + ", comes from here").help(help));
            failed = true;
        }
    }
}

package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.List;

/** The ops over several tensors, written as calls: concat, add and split. */
final class Shapes {
    private Shapes() {}

    static Value concat(Ast.Call call, List<Value> args, Elaborator ctx) {
        List<Node> in = tensors(call, args, ctx);
        if (in == null) return Value.POISON;
        if (in.isEmpty()) return arity(call, ctx);
        Shape first = in.get(0).shape();
        long channels = 0;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i).shape();
            if (s.rank() != 3 || s.height() != first.height() || s.width() != first.width() || first.rank() != 3) {
                ctx.report(Diagnostic.error(Code.SN0302, call.args().get(i).span(),
                                "concat needs equal heights and widths: " + s + " does not match " + first)
                        .label(s.toString())
                        .secondary(in.get(0).span(), "the first part, " + first + ", comes from here")
                        .secondary(in.get(i).span(), "this part, " + s + ", comes from here")
                        .help("check the strides and pooling on each branch"));
                return Value.POISON;
            }
            channels += s.channels();
        }
        if (channels > Elaborator.MAX_DIM) return ctx.rangeError(call.span(), "concat gives too many channels", "use fewer channels");
        Shape out = Shape.chw((int) channels, first.height(), first.width());
        return new Value.TensorV(ctx.addNode(new Op.Concat(), in.stream().map(Node::id).toList(), out, ctx.autoName("concat"), call.span()));
    }

    /** {@code scale(x, s)}: x [C, H, W] times s [C, 1, 1], channel by channel (squeeze-and-excitation). */
    static Value scale(Ast.Call call, List<Value> args, Elaborator ctx) {
        List<Node> in = tensors(call, args, ctx);
        if (in == null) return Value.POISON;
        if (in.size() != 2) {
            ctx.report(Diagnostic.error(Code.SN0202, call.span(), "`scale` takes 2 tensors, not " + in.size())
                    .label(in.size() + " given").help("write `scale(x, s)`, with s of shape [C, 1, 1]"));
            return Value.POISON;
        }
        Node x = in.get(0);
        Node s = in.get(1);
        if (x.shape().rank() != 3 || !s.shape().equals(dev.snet.compiler.ir.Shape.chw(x.shape().channels(), 1, 1))) {
            ctx.report(Diagnostic.error(Code.SN0306, call.span(), "`scale` needs factors of shape [C, 1, 1] for a tensor [C, H, W]: got "
                            + x.shape() + " and " + s.shape())
                    .label("shapes do not match")
                    .secondary(x.span(), "the tensor, " + x.shape() + ", comes from here")
                    .secondary(s.span(), "the factors, " + s.shape() + ", come from here")
                    .help("compute the factors from the tensor itself: `x |> global_avgpool |> conv(x.c // 4) |> relu |> conv(x.c) |> hsigmoid`"));
            return Value.POISON;
        }
        return new Value.TensorV(ctx.addNode(new Op.Scale(), List.of(x.id(), s.id()), x.shape(), ctx.autoName("scale"), call.span()));
    }

    static Value add(Ast.Call call, List<Value> args, Elaborator ctx) {
        List<Node> in = tensors(call, args, ctx);
        if (in == null) return Value.POISON;
        if (in.size() != 2) {
            ctx.report(Diagnostic.error(Code.SN0202, call.span(), "`add` takes 2 tensors, not " + in.size())
                    .label(in.size() + " given").help("write `add(a, b)`"));
            return Value.POISON;
        }
        Node a = in.get(0);
        Node b = in.get(1);
        if (!a.shape().equals(b.shape())) {
            ctx.report(Diagnostic.error(Code.SN0301, call.span(), "add of tensors with different shapes: " + a.shape() + " and " + b.shape())
                    .label("shapes differ")
                    .secondary(a.span(), "the first, " + a.shape() + ", comes from here")
                    .secondary(b.span(), "the second, " + b.shape() + ", comes from here")
                    .help("both branches must end with the same channels and stride; a stride-2 unit usually concatenates instead"));
            return Value.POISON;
        }
        return new Value.TensorV(ctx.addNode(new Op.Add(dev.snet.compiler.ir.Activation.NONE), List.of(a.id(), b.id()), a.shape(), ctx.autoName("add"), call.span()));
    }

    /** {@code split(x, n)} into n equal parts, or {@code split(x, [a, b, ...])} into parts of those sizes. */
    static Value split(Ast.Call call, List<Value> args, Elaborator ctx) {
        if (args.size() != 2) {
            ctx.report(Diagnostic.error(Code.SN0202, call.span(), "`split` takes a tensor and a count or a list of sizes")
                    .label(args.size() + " arguments").help("write `a, b = split(x, 2)`"));
            return Value.POISON;
        }
        if (!(args.get(0) instanceof Value.TensorV t)) return ctx.typeError(call.args().get(0).span(), "`split` splits a tensor, not " + Value.article(args.get(0).typeName()), args.get(0));
        Node in = t.node();
        int c = in.shape().channels();
        List<Integer> sizes = new ArrayList<>();
        Value how = args.get(1);
        if (how instanceof Value.IntV n) {
            if (n.value() < 1 || n.value() > c || c % n.value() != 0) {
                ctx.report(Diagnostic.error(Code.SN0304, call.args().get(1).span(), in.shape().channels() + " channels cannot be split into " + n.value() + " equal parts")
                        .label("parts").secondary(in.span(), "the " + c + " channels come from here")
                        .help("use a count that divides " + c + ", or give the sizes: split(x, [a, b])"));
                return Value.POISON;
            }
            for (int i = 0; i < n.value(); i++) sizes.add((int) (c / n.value()));
        } else if (how instanceof Value.ListV list) {
            long sum = 0;
            for (Value v : list.items()) {
                if (!(v instanceof Value.IntV s) || s.value() < 1 || s.value() > c) {
                    ctx.report(Diagnostic.error(Code.SN0304, call.args().get(1).span(), "split sizes must be positive ints no larger than " + c + ", got " + list)
                            .label("sizes").help("give positive sizes that add up to " + c));
                    return Value.POISON;
                }
                sum += s.value();
                sizes.add((int) s.value());
            }
            if (sum != c || sizes.isEmpty()) {
                ctx.report(Diagnostic.error(Code.SN0304, call.args().get(1).span(), "split sizes add up to " + sum + " but the tensor has " + c + " channels")
                        .label("sizes").secondary(in.span(), "the " + c + " channels come from here")
                        .help("make the sizes add up to " + c));
                return Value.POISON;
            }
        } else {
            return ctx.typeError(call.args().get(1).span(), "`split` needs a count or a list of sizes, not " + Value.article(how.typeName()), how);
        }
        String base = ctx.autoName("split");
        List<Value> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sizes.size(); i++) {
            Shape s = in.shape().withChannels(sizes.get(i));
            parts.add(new Value.TensorV(ctx.addNode(new Op.Slice(start, sizes.get(i)), List.of(in.id()), s, base + "." + i, call.span())));
            start += sizes.get(i);
        }
        return new Value.ListV(parts);
    }

    private static List<Node> tensors(Ast.Call call, List<Value> args, Elaborator ctx) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (!(args.get(i) instanceof Value.TensorV t)) {
                ctx.typeError(call.args().get(i).span(), "`" + call.name() + "` takes tensors, not " + Value.article(args.get(i).typeName()), args.get(i));
                return null;
            }
            out.add(t.node());
        }
        return out;
    }

    private static Value arity(Ast.Call call, Elaborator ctx) {
        ctx.report(Diagnostic.error(Code.SN0202, call.span(), "`" + call.name() + "` needs at least one tensor")
                .label("nothing to join").help("write `concat(a, b)`"));
        return Value.POISON;
    }
}

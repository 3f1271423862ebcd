package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.FunctionCall;
import dev.snet.compiler.ops.Ops;
import dev.snet.compiler.ops.TensorFunction;
import dev.snet.compiler.source.SourceSpan;
import dev.snet.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Applies a call over tensors ({@code add}, {@code concat}, {@code split}, {@code scale}) as its op's definition says. */
final class TensorFunctions {
    private TensorFunctions() {}

    static Value apply(TensorFunction function, Ast.Call call, List<Value> args, Elaborator ctx) {
        Optional<List<TensorFunction.Applied>> applied = function.apply().apply(new Call(call, args, ctx));
        if (applied.isEmpty()) return Value.POISON;
        String base = ctx.autoName(function.keyword());
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < applied.get().size(); i++) {
            TensorFunction.Applied a = applied.get().get(i);
            List<Node> inputs = a.arguments().stream().map(j -> ((Value.TensorV) args.get(j)).node()).toList();
            Shape shape = Ops.of(a.op()).shape(a.op(), inputs.stream().map(Node::shape).toList(), (ok, what) -> {
                if (!ok) throw new IllegalStateException("`" + function.keyword() + "` built an op its shape rule rejects: " + what);
            });
            String name = function.tuple() ? base + "." + i : base;
            out.add(new Value.TensorV(ctx.addNode(a.op(), inputs.stream().map(Node::id).toList(), shape, name, call.span())));
        }
        return function.tuple() ? new Value.ListV(out) : out.get(0);
    }

    /** The call's evaluated arguments, and its diagnostics. */
    private record Call(Ast.Call call, List<Value> args, Elaborator ctx) implements FunctionCall {
        public String name() { return call.name(); }

        public int arguments() { return args.size(); }

        public Optional<Shape> tensor(int i) {
            return args.get(i) instanceof Value.TensorV t ? Optional.of(t.node().shape()) : Optional.empty();
        }

        public OptionalLong integer(int i) {
            return args.get(i) instanceof Value.IntV n ? OptionalLong.of(n.value()) : OptionalLong.empty();
        }

        public Optional<List<Long>> integers(int i) {
            if (!(args.get(i) instanceof Value.ListV list)) return Optional.empty();
            List<Long> items = new ArrayList<>();
            for (Value v : list.items()) items.add(v instanceof Value.IntV n ? n.value() : null);
            return Optional.of(items);
        }

        public String kindOf(int i) { return Value.article(args.get(i).typeName()); }

        public String text(int i) { return args.get(i).toString(); }

        public void error(Code code, int at, String message, String label, List<Note> notes, String help) {
            SourceSpan where = at < 0 ? call.span() : call.args().get(at).span();
            Diagnostic.Builder d = Diagnostic.error(code, where, message).label(label);
            for (Note n : notes) d.secondary(((Value.TensorV) args.get(n.argument())).node().span(), n.text());
            ctx.report(d.help(help));
        }

        public void typeError(int at, String message) { ctx.typeError(call.args().get(at).span(), message, args.get(at)); }

        public void rangeError(String message, String help) { ctx.rangeError(call.span(), message, help); }
    }
}

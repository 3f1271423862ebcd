package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.syntax.Ast;
import java.util.List;

/** Built-in functions of constants: min, max, round, int, float, make_divisible, index_of, len. */
final class Functions {
    private Functions() {}

    static Value call(Ast.Call call, List<Value> args, Elaborator ctx) {
        String name = call.name();
        return switch (name) {
            case "min", "max" -> {
                if (args.size() < 2) yield arity(call, "at least 2 arguments", ctx);
                Value best = null;
                for (int i = 0; i < args.size(); i++) {
                    Value v = args.get(i);
                    if (!Value.isNumber(v)) yield ctx.typeError(call.args().get(i).span(), "`" + name + "` needs numbers, not " + Value.article(v.typeName()), v);
                    if (best == null || (name.equals("min") ? Value.asDouble(v) < Value.asDouble(best) : Value.asDouble(v) > Value.asDouble(best))) best = v;
                }
                boolean anyFloat = args.stream().anyMatch(v -> v instanceof Value.FloatV);
                yield anyFloat ? new Value.FloatV(Value.asDouble(best)) : best;
            }
            case "round", "int" -> {
                if (args.size() != 1) yield arity(call, "1 argument", ctx);
                Value v = args.get(0);
                if (!Value.isNumber(v)) yield ctx.typeError(call.args().get(0).span(), "`" + name + "` needs a number, not " + Value.article(v.typeName()), v);
                double d = Value.asDouble(v);
                if (Math.abs(d) > 9e15) yield ctx.rangeError(call.span(), "number too large for an int", "use a smaller number");
                yield new Value.IntV(name.equals("round") ? Math.round(d) : (long) d);
            }
            case "float" -> {
                if (args.size() != 1) yield arity(call, "1 argument", ctx);
                Value v = args.get(0);
                if (!Value.isNumber(v)) yield ctx.typeError(call.args().get(0).span(), "`float` needs a number, not " + Value.article(v.typeName()), v);
                yield new Value.FloatV(Value.asDouble(v));
            }
            case "make_divisible" -> makeDivisible(call, args, ctx);
            case "index_of" -> {
                if (args.size() != 2) yield arity(call, "2 arguments: a list and a value", ctx);
                if (!(args.get(0) instanceof Value.ListV list)) yield ctx.typeError(call.args().get(0).span(), "`index_of` needs a list first, not " + Value.article(args.get(0).typeName()), args.get(0));
                for (int i = 0; i < list.items().size(); i++) {
                    if (Arithmetic.equal(list.items().get(i), args.get(1))) yield new Value.IntV(i);
                }
                ctx.report(Diagnostic.error(Code.SN0212, call.span(), Value.display(args.get(1)) + " is not one of " + list)
                        .label("not in the list").help("use one of " + list));
                yield Value.POISON;
            }
            case "len" -> {
                if (args.size() != 1) yield arity(call, "1 argument", ctx);
                yield args.get(0) instanceof Value.ListV l ? new Value.IntV(l.items().size())
                        : ctx.typeError(call.args().get(0).span(), "`len` needs a list, not " + Value.article(args.get(0).typeName()), args.get(0));
            }
            default -> throw new IllegalStateException("no function " + name);
        };
    }

    /**
     * MobileNet's rounding of a channel count: the nearest multiple of {@code divisor}, at least
     * {@code divisor}, and never more than 10% below the value.
     */
    private static Value makeDivisible(Ast.Call call, List<Value> args, Elaborator ctx) {
        if (args.size() != 2) return arity(call, "2 arguments: a value and a divisor", ctx);
        for (int i = 0; i < 2; i++) {
            if (!Value.isNumber(args.get(i))) return ctx.typeError(call.args().get(i).span(), "`make_divisible` needs numbers, not " + Value.article(args.get(i).typeName()), args.get(i));
        }
        if (!(args.get(1) instanceof Value.IntV d) || d.value() <= 0) {
            return ctx.rangeError(call.args().get(1).span(), "the divisor must be a positive int", "use a divisor such as 8");
        }
        double v = Value.asDouble(args.get(0));
        if (v < 0 || v > 1e15) return ctx.rangeError(call.args().get(0).span(), "value out of range for make_divisible", "use a positive value");
        long divisor = d.value();
        long rounded = Math.max(divisor, (long) (v + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * v) rounded += divisor;
        return new Value.IntV(rounded);
    }

    private static Value arity(Ast.Call call, String expected, Elaborator ctx) {
        ctx.report(Diagnostic.error(Code.SN0202, call.span(), "`" + call.name() + "` takes " + expected)
                .label(call.args().size() + " given").help("pass " + expected));
        return Value.POISON;
    }
}

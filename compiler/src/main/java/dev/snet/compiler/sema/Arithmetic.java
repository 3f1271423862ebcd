package dev.snet.compiler.sema;

import dev.snet.compiler.syntax.Ast;

/**
 * Operators on constants. Int with int stays int (overflow is an error, not a wrap); `/` always
 * gives a float and `//` floors, as in Python, so integer division is always written on purpose.
 */
final class Arithmetic {
    private Arithmetic() {}

    static Value unary(Ast.Unary u, Value v, Elaborator ctx) {
        if (v instanceof Value.Poison) return v;
        if (u.op().equals("not")) {
            return v instanceof Value.BoolV b ? new Value.BoolV(!b.value()) : ctx.typeError(u.operand().span(), "`not` needs a bool, not " + Value.article(v.typeName()), v);
        }
        return switch (v) {
            case Value.IntV i when i.value() != Long.MIN_VALUE -> new Value.IntV(-i.value());
            case Value.FloatV f -> new Value.FloatV(-f.value());
            default -> ctx.typeError(u.operand().span(), "`-` needs a number, not " + Value.article(v.typeName()), v);
        };
    }

    static Value binary(Ast.Binary b, Value l, Value r, Elaborator ctx) {
        if (l instanceof Value.Poison || r instanceof Value.Poison) return Value.POISON;
        String op = b.op();
        if (op.equals("==") || op.equals("!=")) {
            boolean eq = equal(l, r);
            if (!comparable(l, r)) return ctx.typeError(b.span(), "cannot compare a " + l.typeName() + " with a " + r.typeName(), r);
            return new Value.BoolV(op.equals("==") == eq);
        }
        if (!Value.isNumber(l)) return ctx.typeError(b.left().span(), "`" + op + "` needs numbers, not " + Value.article(l.typeName()), l);
        if (!Value.isNumber(r)) return ctx.typeError(b.right().span(), "`" + op + "` needs numbers, not " + Value.article(r.typeName()), r);
        double x = Value.asDouble(l);
        double y = Value.asDouble(r);
        switch (op) {
            case "<": return new Value.BoolV(x < y);
            case "<=": return new Value.BoolV(x <= y);
            case ">": return new Value.BoolV(x > y);
            case ">=": return new Value.BoolV(x >= y);
            default: break;
        }
        if ((op.equals("/") || op.equals("//") || op.equals("%")) && y == 0) {
            return ctx.rangeError(b.right().span(), "division by zero", "the divisor must not be zero");
        }
        if (l instanceof Value.IntV li && r instanceof Value.IntV ri && !op.equals("/")) {
            long a = li.value();
            long c = ri.value();
            try {
                return new Value.IntV(switch (op) {
                    case "+" -> Math.addExact(a, c);
                    case "-" -> Math.subtractExact(a, c);
                    case "*" -> Math.multiplyExact(a, c);
                    case "//" -> Math.floorDiv(a, c);
                    default -> Math.floorMod(a, c);
                });
            } catch (ArithmeticException overflow) {
                return ctx.rangeError(b.span(), "integer overflow", "use smaller numbers");
            }
        }
        double v = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "//" -> Math.floor(x / y);
            default -> x - Math.floor(x / y) * y;
        };
        if (!Double.isFinite(v)) return ctx.rangeError(b.span(), "the result is not a finite number", "use smaller numbers");
        return new Value.FloatV(v);
    }

    private static boolean comparable(Value l, Value r) {
        return (Value.isNumber(l) && Value.isNumber(r)) || l.getClass() == r.getClass();
    }

    static boolean equal(Value l, Value r) {
        if (Value.isNumber(l) && Value.isNumber(r)) return Value.asDouble(l) == Value.asDouble(r);
        if (l instanceof Value.ListV a && r instanceof Value.ListV b) {
            if (a.items().size() != b.items().size()) return false;
            for (int i = 0; i < a.items().size(); i++) if (!equal(a.items().get(i), b.items().get(i))) return false;
            return true;
        }
        return l.equals(r);
    }
}

package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Code;
import dev.snet.compiler.diag.Diagnostic;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.syntax.Ast;

/** Reads {@code -P name=value} text as a value of the parameter's declared type. */
final class ParameterValues {
    private ParameterValues() {}

    static Value parse(Ast.Param p, String text, Diagnostics diagnostics) {
        String t = text.trim();
        Value v = switch (p.type()) {
            case Ast.IntType i -> parseLong(t);
            case Ast.FloatType f -> parseDouble(t);
            case Ast.BoolType b -> t.equals("true") ? new Value.BoolV(true) : t.equals("false") ? new Value.BoolV(false) : null;
            case Ast.StringType s -> new Value.StrV(text);
            case Ast.EnumType e -> e.members().contains(t) ? new Value.StrV(t) : null;
        };
        if (v != null) return v;
        String expected = switch (p.type()) {
            case Ast.IntType i -> "an int, such as 3";
            case Ast.FloatType f -> "a number, such as 1.5";
            case Ast.BoolType b -> "true or false";
            case Ast.EnumType e -> "one of " + String.join(", ", e.members());
            default -> p.type().toString();
        };
        diagnostics.report(Diagnostic.error(Code.SN0206, p.span(), "-P " + p.name() + "=" + text + " is not " + expected.replaceFirst(", such as.*", ""))
                .label("declared as " + p.type())
                .help("give " + expected + ": -P " + p.name() + "=..."));
        return Value.POISON;
    }

    /** Whether command-line text names this choice option: "2" matches 2 and 2.0, "relu" matches "relu". */
    static boolean matches(Value option, String text) {
        String t = text.trim();
        return switch (option) {
            case Value.IntV i -> {
                Value v = parseDouble(t);
                yield v instanceof Value.FloatV f && f.value() == i.value();
            }
            case Value.FloatV f -> {
                Value v = parseDouble(t);
                yield v instanceof Value.FloatV g && g.value() == f.value();
            }
            case Value.BoolV b -> t.equals(Boolean.toString(b.value()));
            case Value.StrV s -> s.value().equals(t);
            default -> Value.display(option).equals(t);
        };
    }

    private static Value parseLong(String t) {
        try {
            return new Value.IntV(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Value parseDouble(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? new Value.FloatV(d) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.snet.compiler.sema;

import dev.snet.compiler.ir.Node;
import java.util.List;

/** A value during elaboration: a constant, a list, a tensor (a node of the graph) or poison. */
sealed interface Value {

    String typeName();

    record IntV(long value) implements Value {
        public String typeName() { return "int"; }
        public String toString() { return Long.toString(value); }
    }

    record FloatV(double value) implements Value {
        public String typeName() { return "float"; }
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? (long) value + ".0" : Double.toString(value);
        }
    }

    record BoolV(boolean value) implements Value {
        public String typeName() { return "bool"; }
        public String toString() { return Boolean.toString(value); }
    }

    record StrV(String value) implements Value {
        public String typeName() { return "string"; }
        public String toString() { return "\"" + value + "\""; }
    }

    /**
     * A list; {@code size} counts every value in it, nested lists included (saturating), so that a
     * list doubled by sharing ({@code [a, a]}, sixty times over) is seen for what it would expand to.
     */
    record ListV(List<Value> items, long size) implements Value {
        public ListV { items = List.copyOf(items); }

        public ListV(List<Value> items) { this(items, sizeOf(items)); }

        private static long sizeOf(List<Value> items) {
            long n = items.size();
            for (Value v : items) if (v instanceof ListV l) n = n + l.size() < 0 ? Long.MAX_VALUE : n + l.size();
            return n;
        }

        public String typeName() { return "list"; }

        /** At most {@link #SHOWN} characters: a diagnostic quotes a value, it does not print a megabyte of it. */
        public String toString() {
            StringBuilder out = new StringBuilder();
            render(out);
            return out.length() > SHOWN ? out.substring(0, SHOWN) + "…" : out.toString();
        }

        private void render(StringBuilder out) {
            out.append('[');
            for (int i = 0; i < items.size() && out.length() <= SHOWN; i++) {
                if (i > 0) out.append(", ");
                if (items.get(i) instanceof ListV l) l.render(out);
                else out.append(items.get(i));
            }
            out.append(']');
        }

        static final int SHOWN = 120;
    }

    record TensorV(Node node) implements Value {
        public String typeName() { return "tensor"; }
        public String toString() { return "tensor " + node.shape(); }
    }

    /** The result of an expression whose error has been reported; everything built on it is silent. */
    record Poison() implements Value {
        public String typeName() { return "error"; }
    }

    Poison POISON = new Poison();

    /** "an int", "a float". */
    static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    static boolean isNumber(Value v) { return v instanceof IntV || v instanceof FloatV; }

    static double asDouble(Value v) {
        return v instanceof IntV i ? i.value() : ((FloatV) v).value();
    }

    /** Text as a user would write it on the command line: 2, 1.5, true, relu. */
    static String display(Value v) {
        return v instanceof StrV s ? s.value() : v.toString();
    }
}

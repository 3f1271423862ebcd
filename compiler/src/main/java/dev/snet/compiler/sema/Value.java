package dev.snet.compiler.sema;

import dev.snet.compiler.ir.Node;
import java.util.List;
import java.util.stream.Collectors;

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

    record ListV(List<Value> items) implements Value {
        public ListV { items = List.copyOf(items); }
        public String typeName() { return "list"; }
        public String toString() { return items.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]")); }
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

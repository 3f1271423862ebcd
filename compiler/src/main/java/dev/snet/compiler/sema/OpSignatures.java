package dev.snet.compiler.sema;

import static dev.snet.compiler.sema.Signature.derived;
import static dev.snet.compiler.sema.Signature.optional;
import static dev.snet.compiler.sema.Signature.required;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.syntax.Ast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in layer ops of the language and the arguments each accepts. docs/language.md lists the same. */
final class OpSignatures {
    private OpSignatures() {}

    static final Ast.Type INT = new Ast.IntType();
    static final Ast.Type FLOAT = new Ast.FloatType();
    static final Ast.Type BOOL = new Ast.BoolType();

    private static final Value.BoolV FALSE = new Value.BoolV(false);
    private static final Value.BoolV TRUE = new Value.BoolV(true);

    private static Value samePadding(Map<String, Value> args) {
        return args.get("kernel") instanceof Value.IntV k ? new Value.IntV((k.value() - 1) / 2) : Value.POISON;
    }

    private static final Map<String, Signature> OPS = new LinkedHashMap<>();

    static {
        add("conv", required("out", INT), optional("kernel", INT, new Value.IntV(1)), optional("stride", INT, new Value.IntV(1)),
                derived("pad", INT, OpSignatures::samePadding), optional("groups", INT, new Value.IntV(1)), optional("bias", BOOL, FALSE));
        add("dwconv", optional("kernel", INT, new Value.IntV(3)), optional("stride", INT, new Value.IntV(1)),
                derived("pad", INT, OpSignatures::samePadding), optional("bias", BOOL, FALSE));
        add("bn", optional("eps", FLOAT, new Value.FloatV(1e-5)));
        for (Activation a : Activation.values()) if (a != Activation.NONE) add(a.keyword());
        add("shuffle", required("groups", INT));
        add("maxpool", required("kernel", INT), derived("stride", INT, a -> a.get("kernel")), optional("pad", INT, new Value.IntV(0)));
        add("avgpool", required("kernel", INT), derived("stride", INT, a -> a.get("kernel")), optional("pad", INT, new Value.IntV(0)),
                optional("count_include_pad", BOOL, TRUE));
        add("global_avgpool");
        add("flatten");
        add("fc", required("out", INT), optional("bias", BOOL, TRUE));
        add("softmax");
    }

    private static void add(String name, Signature.Parameter... parameters) {
        OPS.put(name, new Signature(name, List.of(parameters)));
    }

    static Optional<Signature> op(String name) { return Optional.ofNullable(OPS.get(name)); }

    static Set<String> opNames() { return OPS.keySet(); }

    /** Ops that take several tensors, written as calls: {@code concat(a, b)}. */
    static final Set<String> TENSOR_FUNCTIONS = Set.of("concat", "add", "split", "scale");

    /** Functions of constants. */
    static final Set<String> SCALAR_FUNCTIONS = Set.of("min", "max", "round", "int", "float", "make_divisible", "index_of", "len");
}

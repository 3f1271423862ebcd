package dev.snet.compiler.sema;

import static dev.snet.compiler.sema.Signature.derived;
import static dev.snet.compiler.sema.Signature.optional;
import static dev.snet.compiler.sema.Signature.required;

import dev.snet.compiler.ops.Layer;
import dev.snet.compiler.ops.OpDefinition;
import dev.snet.compiler.ops.Ops;
import dev.snet.compiler.ops.TensorFunction;
import dev.snet.compiler.syntax.Ast;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in steps of the language and the arguments each accepts, as the op definitions
 * ({@code compiler/ops}) declare them. docs/language.md lists the same.
 */
final class OpSignatures {
    private OpSignatures() {}

    static final Ast.Type INT = new Ast.IntType();
    static final Ast.Type FLOAT = new Ast.FloatType();
    static final Ast.Type BOOL = new Ast.BoolType();


    private static final Map<String, Signature> OPS = new LinkedHashMap<>();
    private static final Map<String, Layer> LAYERS = new LinkedHashMap<>();
    private static final Map<String, TensorFunction> FUNCTIONS = new LinkedHashMap<>();

    static {
        for (OpDefinition<?> definition : Ops.ALL) {
            for (Layer layer : definition.layers()) {
                OPS.put(layer.keyword(), new Signature(layer.keyword(), layer.args().stream().map(OpSignatures::parameter).toList()));
                LAYERS.put(layer.keyword(), layer);
            }
            for (TensorFunction f : definition.functions()) FUNCTIONS.put(f.keyword(), f);
        }
    }

    /** Ops that take several tensors, written as calls: {@code concat(a, b)}. */
    static final Set<String> TENSOR_FUNCTIONS = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(FUNCTIONS.keySet()));

    /** The call over tensors a keyword writes. */
    static Optional<TensorFunction> function(String name) { return Optional.ofNullable(FUNCTIONS.get(name)); }

    private static Signature.Parameter parameter(Layer.Arg arg) {
        Ast.Type type = switch (arg.kind()) {
            case INT -> INT;
            case FLOAT -> FLOAT;
            case BOOL -> BOOL;
        };
        if (arg.derive() != null) {
            return derived(arg.name(), type, args -> args.get(arg.from()) instanceof Value.IntV v ? new Value.IntV(arg.derive().applyAsLong(v.value()))
                    : Value.POISON);
        }
        if (arg.fallback() == null) return required(arg.name(), type);
        Value value = switch (arg.fallback()) {
            case Long l -> new Value.IntV(l);
            case Double d -> new Value.FloatV(d);
            case Boolean b -> new Value.BoolV(b);
            default -> throw new IllegalArgumentException("fallback " + arg.fallback() + " of " + arg.name());
        };
        return optional(arg.name(), type, value);
    }

    /** The step a keyword writes, with how its op is built. */
    static Optional<Layer> layer(String name) { return Optional.ofNullable(LAYERS.get(name)); }

    static Optional<Signature> op(String name) { return Optional.ofNullable(OPS.get(name)); }

    static Set<String> opNames() { return OPS.keySet(); }


    /** Functions of constants. */
    static final Set<String> SCALAR_FUNCTIONS = Set.of("min", "max", "round", "int", "float", "make_divisible", "index_of", "len");
}

package dev.snet.compiler.sema;

import dev.snet.compiler.syntax.Ast;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parameters an op or block accepts, in positional order. A parameter without a fallback is
 * required; a fallback may depend on the arguments bound before it (a pool's stride defaults to its kernel).
 */
record Signature(String name, List<Parameter> parameters) {

    record Parameter(String name, Ast.Type type, Function<Map<String, Value>, Value> fallback) {
        boolean required() { return fallback == null; }
    }

    static Parameter required(String name, Ast.Type type) { return new Parameter(name, type, null); }

    static Parameter optional(String name, Ast.Type type, Value value) { return new Parameter(name, type, args -> value); }

    static Parameter derived(String name, Ast.Type type, Function<Map<String, Value>, Value> fallback) {
        return new Parameter(name, type, fallback);
    }

    List<String> names() { return parameters.stream().map(Parameter::name).toList(); }
}

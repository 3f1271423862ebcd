package dev.snet.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.snet.compiler.ir.Weight;

/**
 * Emits one final field per weight the steps read, and the constructor statement that computes it
 * from the weights file once (folding batch norm where a pass said so).
 */
public final class WeightFields {
    private static final ClassName WEIGHT_OPS = ClassName.get("dev.snet.runtime.weights", "WeightOps");

    private final Identifiers ids;
    private final Binding binding;

    public WeightFields(Identifiers ids, Binding binding) {
        this.ids = ids;
        this.binding = binding;
    }

    /** A field holding {@code w}; returns its name. */
    public String field(String prefix, String layer, Weight w) {
        return field(prefix, layer, expression(w));
    }

    public String field(String prefix, String layer, CodeBlock value) {
        String name = ids.unique(prefix, layer);
        binding.set(float[].class, name, value);
        return name;
    }

    public static CodeBlock expression(Weight w) {
        return switch (w) {
            case Weight.Raw r -> CodeBlock.of("weights.tensor($S)", r.key());
            case Weight.BnScaled s -> CodeBlock.of("$T.bnScaled($L, $L, $L, $L)", WEIGHT_OPS, expression(s.weight()),
                    expression(s.bn().gamma()), expression(s.bn().var()), s.bn().eps());
            case Weight.BnShift s -> CodeBlock.of("$T.bnShift($L, $L, $L, $L, $L, $L)", WEIGHT_OPS,
                    s.bias() == null ? CodeBlock.of("null") : expression(s.bias()), expression(s.bn().gamma()),
                    expression(s.bn().beta()), expression(s.bn().mean()), expression(s.bn().var()), s.bn().eps());
        };
    }

    public static CodeBlock scale(Weight.Raw gamma, Weight.Raw var, double eps) {
        return CodeBlock.of("$T.bnScale($L, $L, $L)", WEIGHT_OPS, expression(gamma), expression(var), eps);
    }

    public static CodeBlock shift(Weight.Raw gamma, Weight.Raw beta, Weight.Raw mean, Weight.Raw var, double eps) {
        return CodeBlock.of("$T.bnShift(null, $L, $L, $L, $L, $L)", WEIGHT_OPS, expression(gamma), expression(beta), expression(mean), expression(var), eps);
    }
}

package dev.snet.compiler.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * What a generated constructor does once: set the fields the steps read (weights, thread shares,
 * tasks). The first {@link #PER_METHOD} go into the constructor as final fields; a model with more
 * (a thousand units) continues in {@code bind1(weights)}, {@code bind2(weights)}, ... which the
 * constructor calls, because javac refuses a method of more than 64 KB of bytecode.
 */
public final class Binding {
    static final int PER_METHOD = 1_000;
    private static final ClassName SOURCE = ClassName.get("dev.snet.runtime.weights", "WeightSource");
    private static final ClassName WEIGHTS_EXCEPTION = ClassName.get("dev.snet.runtime.weights", "WeightsException");

    private final TypeSpec.Builder type;
    private final MethodSpec.Builder constructor;
    private final List<MethodSpec.Builder> more = new ArrayList<>();
    private int count;

    public Binding(TypeSpec.Builder type, MethodSpec.Builder constructor) {
        this.type = type;
        this.constructor = constructor;
    }

    /** Declares the private field {@code name} and sets it to {@code value} when the model is built. */
    public void set(TypeName fieldType, String name, CodeBlock value) {
        boolean inConstructor = count < PER_METHOD;
        FieldSpec.Builder field = FieldSpec.builder(fieldType, name, Modifier.PRIVATE);
        if (inConstructor) field.addModifiers(Modifier.FINAL);  // a final field can only be set in the constructor
        type.addField(field.build());
        target().addStatement("this.$N = $L", name, value);
        count++;
    }

    public void set(Class<?> fieldType, String name, CodeBlock value) { set(TypeName.get(fieldType), name, value); }

    private MethodSpec.Builder target() {
        if (count < PER_METHOD) return constructor;
        int part = count / PER_METHOD;
        while (more.size() < part) {
            more.add(MethodSpec.methodBuilder("bind" + (more.size() + 1)).addModifiers(Modifier.PRIVATE)
                    .addParameter(SOURCE, "weights").addException(WEIGHTS_EXCEPTION));
        }
        return more.get(part - 1);
    }

    /** Adds the helper methods, if any, and their calls at the end of the constructor. */
    public void finish() {
        for (MethodSpec.Builder m : more) {
            MethodSpec built = m.build();
            constructor.addStatement("$N(weights)", built);
            type.addMethod(built);
        }
    }
}

package dev.snet.compiler.codegen;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Checks the package and class names a user asks for, before anything is generated. */
public final class JavaNames {
    private JavaNames() {}

    /** java.lang names the generated code uses unqualified: a model class must not shadow them. */
    static final Set<String> SHADOWING = Set.of("Object", "String", "Math", "System", "Float", "Integer", "Long", "Double",
            "Boolean", "Override", "Thread", "Runnable", "Class", "Exception", "Error", "Record", "Enum", "Void", "Character");

    public static Optional<String> packageProblem(String name) {
        if (!SourceVersion.isName(name)) return Optional.of(name + " is not a Java package name");
        if (name.equals("java") || name.startsWith("java.") || ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(name))) {
            return Optional.of("package " + name + " belongs to the JDK; choose one of your own, such as com.example.models");
        }
        return Optional.empty();
    }

    public static Optional<String> classProblem(String name) {
        if (!SourceVersion.isName(name) || name.contains(".")) return Optional.of(name + " is not a Java class name");
        if (SHADOWING.contains(name)) return Optional.of("a class named " + name + " would hide java.lang." + name + "; choose another name");
        return Optional.empty();
    }
}

package dev.snet.compiler.codegen;

import java.util.HashSet;
import java.util.Set;

/** Java identifiers from layer names ("stage2.0.branch2.3" gives "stage2_0_branch2_3"), unique within a class. */
public final class Identifiers {
    private final Set<String> used = new HashSet<>();

    public String unique(String prefix, String layer) {
        StringBuilder s = new StringBuilder(prefix);
        for (char c : layer.toCharArray()) s.append(Character.isLetterOrDigit(c) ? c : '_');
        String base = s.toString();
        String name = base;
        for (int i = 2; !used.add(name); i++) name = base + "_" + i;
        return name;
    }

    /** A class name from a model name: letters and digits, starting with a capital. */
    public static String className(String model) {
        StringBuilder s = new StringBuilder();
        for (char c : model.toCharArray()) if (Character.isLetterOrDigit(c) || c == '_') s.append(c);
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) s.insert(0, "Model");
        s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
        // `_` alone is a keyword, and a class named like java.lang's would shadow it in the generated code.
        String name = s.toString();
        return javax.lang.model.SourceVersion.isName(name) && !JavaNames.SHADOWING.contains(name) ? name : "Model" + name;
    }
}

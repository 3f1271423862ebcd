package dev.snet.compiler.codegen;

import java.util.List;
import java.util.Optional;

/**
 * What javac needs to compile a target's generated class: the class path (always the runtime),
 * further options (a TornadoVM SDK's module path), and, when the set-up lacks something, a sentence
 * saying what and how to get it. Part of the model cache's key.
 */
public record Toolchain(List<String> classpath, List<String> options, Optional<String> missing) {
    public Toolchain {
        classpath = List.copyOf(classpath);
        options = List.copyOf(options);
    }

    /** Only the runtime snetc carries: the CPU target's. */
    public static Toolchain runtimeOnly() { return new Toolchain(List.of(JavaCompilation.runtimeClasspath()), List.of(), Optional.empty()); }

    public static Toolchain missing(String what) { return new Toolchain(List.of(), List.of(), Optional.of(what)); }
}

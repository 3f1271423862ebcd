package dev.snet.compiler.codegen;

import com.palantir.javapoet.JavaFile;

/** A back end: turns a planned graph into one Java class. The CPU target is here; a TornadoVM target sits beside it. */
public interface Target {
    String name();

    JavaFile emit(Compilation c);
}

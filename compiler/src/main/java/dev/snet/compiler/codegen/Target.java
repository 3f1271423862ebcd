package dev.snet.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.snet.compiler.plan.PlanPolicy;

/**
 * A back end: the memory policy the planner follows for it, the emitter that turns the planned
 * graph into one Java class, and what javac needs to compile that class. Targets are found by name
 * in {@link Targets}; common code in {@code plan/} and {@code codegen/} knows no target's kernels.
 */
public interface Target {
    String name();

    /** How this target's kernels want activations laid out and which may work in place. */
    PlanPolicy planPolicy();

    JavaFile emit(Compilation c);

    /** What compiling the emitted class needs beyond the JDK, or what is missing for it. */
    Toolchain toolchain();
}

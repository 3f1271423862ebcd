package dev.snet.compiler.codegen;

import com.palantir.javapoet.JavaFile;

/**
 * A back end: the memory policy the planner follows for it, and the emitter that turns the planned
 * graph into one Java class. The CPU target is {@link CpuTarget}.
 */
public interface Target {
    String name();

    /** How this target's kernels want activations laid out and which may work in place. */
    dev.snet.compiler.plan.PlanPolicy planPolicy();

    JavaFile emit(Compilation c);
}

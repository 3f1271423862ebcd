package dev.snet.compiler.codegen;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.plan.MemoryPlan;
import java.util.List;

/**
 * Everything a target needs to emit a model: the source graph (for its figures), the optimised
 * graph, its memory plan, the passes that ran, the Java names to use, and whether to time each step.
 */
public record Compilation(Graph source, Graph graph, MemoryPlan plan, List<String> passes, String packageName, String className,
                          boolean profile) {}

package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;

/** One optimisation: a function from graph to graph that keeps the model's outputs. */
public interface Pass {
    String name();

    Graph run(Graph g);
}

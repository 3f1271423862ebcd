package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;

/** Removes nodes the output does not depend on (views left behind by other passes, unused branches). */
public final class DeadCode implements Pass {
    public String name() { return "dead-code"; }

    public Graph run(Graph g) {
        boolean[] live = new boolean[g.nodes().size()];
        live[g.output()] = true;
        live[g.input()] = true;
        for (int i = g.nodes().size() - 1; i >= 0; i--) {
            if (live[i]) for (int in : g.node(i).inputs()) live[in] = true;
        }
        Rewriter r = new Rewriter(g);
        for (Node n : g.nodes()) if (!live[n.id()]) r.drop(n.id());
        return r.build();
    }
}

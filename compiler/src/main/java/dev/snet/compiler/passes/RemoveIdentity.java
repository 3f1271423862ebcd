package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;

/** Removes views that give back their single input unchanged (a shuffle with one group, a split into one part). */
public final class RemoveIdentity implements Pass {
    public String name() { return "remove-identity"; }

    public Graph run(Graph g) {
        Rewriter r = new Rewriter(g);
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof Op.View v) || n.inputs().size() != 1) continue;
            Node in = g.node(n.inputs().get(0));
            if (!in.shape().equals(n.shape())) continue;
            boolean identity = true;
            for (int c = 0; c < v.channels().size() && identity; c++) identity = v.channels().get(c).channel() == c;
            if (identity && n.id() != g.output()) r.remove(n.id(), in.id());
        }
        return r.build();
    }
}

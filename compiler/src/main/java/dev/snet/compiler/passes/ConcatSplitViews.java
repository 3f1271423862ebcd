package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Concat and split become views: producers write their channels once, wherever the plan puts
 * them, and a concat or a split only names those channels.
 */
public final class ConcatSplitViews implements Pass {
    public String name() { return "concat-split-views"; }

    public Graph run(Graph g) {
        return Views.convert(g, n -> {
            if (n.op() instanceof Op.Slice s) return Views.identity(0, s.start(), s.count());
            if (!(n.op() instanceof Op.Concat)) return null;
            List<Op.Source> out = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) out.addAll(Views.identity(i, 0, g.node(n.inputs().get(i)).shape().channels()));
            return out;
        });
    }
}

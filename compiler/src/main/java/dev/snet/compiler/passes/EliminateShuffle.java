package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel shuffle moves no data: it becomes a view (output channel j * g + i is input channel
 * i * C/g + j), and its consumers read the permuted channels where they already lie.
 */
public final class EliminateShuffle implements Pass {
    public String name() { return "eliminate-shuffle"; }

    public Graph run(Graph g) {
        return Views.convert(g, n -> {
            if (!(n.op() instanceof Op.Shuffle s)) return null;
            int c = n.shape().channels();
            int per = c / s.groups();
            List<Op.Source> out = new ArrayList<>();
            for (int o = 0; o < c; o++) out.add(new Op.Source(0, (o % s.groups()) * per + o / s.groups()));
            return out;
        });
    }
}

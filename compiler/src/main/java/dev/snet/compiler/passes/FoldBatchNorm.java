package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.ops.Ops;
import java.util.List;

/**
 * Folds a batch norm into the convolution or fully connected layer before it (when that layer
 * feeds only the batch norm): weights scaled by gamma / sqrt(var + eps), a bias added.
 */
public final class FoldBatchNorm implements Pass {
    public String name() { return "fold-bn"; }

    public Graph run(Graph g) {
        Rewriter r = new Rewriter(g);
        int[] users = Rewriter.users(g);
        for (Node bn : g.nodes()) {
            if (!(bn.op() instanceof Op.BatchNorm b)) continue;
            Node producer = r.current(bn.inputs().get(0));
            if (users[producer.id()] != 1) continue;
            Weight.BatchNormRef ref = new Weight.BatchNormRef(bn.name(), bn.shape().channels(), b.eps());
            Op folded = Ops.of(producer.op()).withFoldedBatchNorm(producer.op()).orElse(null);
            if (folded == null) continue;
            Weight weight = producer.weights().get(0);
            Weight bias = producer.weights().size() > 1 ? producer.weights().get(1) : null;
            r.replace(producer.with(folded, producer.inputs(), List.of(new Weight.BnScaled(weight, ref), new Weight.BnShift(bias, ref))));
            r.remove(bn.id(), producer.id());
        }
        return r.build();
    }
}

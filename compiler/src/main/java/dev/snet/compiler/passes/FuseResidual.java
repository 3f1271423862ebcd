package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.List;

/**
 * Fuses a residual add into the convolution that produces one of its inputs, when nothing else
 * reads that convolution: add(conv(x), r) becomes conv(x) + r, activation after, in one step.
 * The 1x1 kernels add r to each tile in registers, before its activation and its store, instead of
 * a separate pass that reads both tensors back (ShuffleNet v1's and the CIFAR model's units end
 * this way). The fused node takes the add's place in the order, after both of its inputs.
 */
public final class FuseResidual implements Pass {
    public String name() { return "fuse-residual"; }

    public Graph run(Graph g) {
        Rewriter r = new Rewriter(g);
        int[] users = Rewriter.users(g);
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof Op.Add add)) continue;
            for (int side = 0; side < 2; side++) {
                Node conv = r.current(n.inputs().get(side));
                int other = n.inputs().get(1 - side);
                if (users[conv.id()] != 1 || other == conv.id() || r.isRemoved(conv.id())) continue;
                if (!(conv.op() instanceof Op.Conv c) || c.residual() || c.activation() != Activation.NONE) continue;
                r.replace(new Node(n.id(), conv.name(), c.withResidual(add.activation()), List.of(conv.inputs().get(0), other), n.shape(),
                        conv.span(), conv.weights()));
                r.drop(conv.id());
                break;
            }
        }
        return r.build();
    }
}

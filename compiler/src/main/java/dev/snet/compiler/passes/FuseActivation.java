package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ops.Ops;

/**
 * Fuses an activation into the convolution, fully connected layer or add that produces its
 * input, when nothing else reads that producer. A ReLU after a concat moves into every part of the
 * concat when each part can take it, or needs none: a part that cannot be negative (the CIFAR
 * ShuffleNet's average-pooled shortcut of a ReLU's output) is left as it is.
 */
public final class FuseActivation implements Pass {
    public String name() { return "fuse-activation"; }

    public Graph run(Graph g) {
        Rewriter r = new Rewriter(g);
        int[] users = Rewriter.users(g);
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof Op.Activate activate)) continue;
            Activation a = activate.activation();
            Node producer = r.current(n.inputs().get(0));
            if (users[producer.id()] != 1) continue;
            if (fusable(producer)) {
                r.replace(fuse(producer, a));
                r.remove(n.id(), producer.id());
            } else if (producer.op() instanceof Op.Concat
                    && producer.inputs().stream().allMatch(i -> users[i] == 1 && fusable(r.current(i))
                            || a == Activation.RELU && nonNegative(r, i))) {
                for (int i : producer.inputs()) {
                    if (!(a == Activation.RELU && nonNegative(r, i))) r.replace(fuse(r.current(i), a));
                }
                r.remove(n.id(), producer.id());
            }
        }
        return r.build();
    }

    /** Whether node {@code id}'s every value is at least zero, whatever the model's input and weights. */
    private static boolean nonNegative(Rewriter r, int id) {
        Node n = r.current(id);
        return Ops.of(n.op()).nonNegative(n.op(), () -> n.inputs().stream().allMatch(i -> nonNegative(r, i)));
    }

    private static boolean fusable(Node n) {
        return Ops.of(n.op()).withActivation(n.op(), Activation.RELU).isPresent();
    }

    private static Node fuse(Node n, Activation a) {
        Op op = Ops.of(n.op()).withActivation(n.op(), a).orElseThrow(() -> new IllegalStateException("not fusable: " + n.op()));
        return n.with(op, n.inputs(), n.weights());
    }
}

package dev.snet.compiler.ir;

import dev.snet.compiler.ops.Ops;
import java.util.List;

/**
 * Checks the invariants every pass must keep: ids dense and topological, every shape consistent
 * with its op and inputs, weights of the expected shapes. A failure is a compiler bug.
 */
public final class Verifier {
    private Verifier() {}

    public static void verify(Graph g) {
        List<Node> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            check(n.id() == i, n, "id " + n.id() + " at position " + i);
            for (int in : n.inputs()) check(in >= 0 && in < i, n, "input %" + in + " does not precede it");
            check(expected(g, n).equals(n.shape()), n, "shape " + n.shape() + " but its op gives " + expected(g, n));
        }
        check(g.node(g.input()).op() instanceof Op.Input, g.node(g.input()), "the input node is not an input");
    }

    private static Shape expected(Graph g, Node n) {
        if (n.inputs().isEmpty()) return n.shape();
        List<Shape> inputs = n.inputs().stream().map(i -> g.node(i).shape()).toList();
        List<Op.Param> params = n.op().parameters(inputs.get(0));
        check(n.weights().size() == params.size(), n, n.weights().size() + " weights for " + params.size() + " parameters");
        for (int i = 0; i < params.size(); i++) {
            check(n.weights().get(i).shape().equals(params.get(i).shape()), n, "weight " + params.get(i).suffix() + " of shape " + n.weights().get(i).shape());
        }
        return Ops.of(n.op()).shape(n.op(), inputs, (ok, what) -> check(ok, n, what));
    }

    private static void check(boolean ok, Node n, String what) {
        if (!ok) throw new IllegalStateException("IR verification failed at %" + n.id() + " (" + n.name() + "): " + what);
    }
}

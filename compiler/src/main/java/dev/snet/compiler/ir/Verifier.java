package dev.snet.compiler.ir;

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
        Shape in = g.node(n.inputs().get(0)).shape();
        return switch (n.op()) {
            case Op.Conv c -> {
                check(in.channels() % c.groups() == 0 && c.outChannels() % c.groups() == 0, n, "groups do not divide channels");
                check(n.weights().size() == (c.bias() ? 2 : 1), n, "weights do not match the bias flag");
                check(n.weights().get(0).shape().equals(List.of(c.outChannels(), in.channels() / c.groups(), c.kernel(), c.kernel())), n,
                        "weight shape " + n.weights().get(0).shape());
                Shape out = Shape.chw(c.outChannels(), size(in.height(), c.kernel(), c.stride(), c.padding()), size(in.width(), c.kernel(), c.stride(), c.padding()));
                check(n.inputs().size() == (c.residual() ? 2 : 1), n, "conv with " + n.inputs().size() + " inputs");
                if (c.residual()) check(g.node(n.inputs().get(1)).shape().equals(out), n, "residual of another shape than the conv's output");
                yield out;
            }
            case Op.MaxPool p -> Shape.chw(in.channels(), size(in.height(), p.kernel(), p.stride(), p.padding()), size(in.width(), p.kernel(), p.stride(), p.padding()));
            case Op.AvgPool p -> Shape.chw(in.channels(), size(in.height(), p.kernel(), p.stride(), p.padding()), size(in.width(), p.kernel(), p.stride(), p.padding()));
            case Op.GlobalAvgPool p -> Shape.chw(in.channels(), 1, 1);
            case Op.Flatten f -> Shape.flat((int) in.elements());
            case Op.Linear l -> Shape.flat(l.outFeatures());
            case Op.Shuffle s -> in;
            case Op.Slice s -> in.withChannels(s.count());
            case Op.Concat c -> in.withChannels(n.inputs().stream().mapToInt(i -> g.node(i).shape().channels()).sum());
            case Op.View v -> {
                for (Op.Source s : v.channels()) {
                    check(s.input() < n.inputs().size(), n, "view reads input " + s.input());
                    Shape src = g.node(n.inputs().get(s.input())).shape();
                    check(s.channel() < src.channels() && src.height() == in.height() && src.width() == in.width(), n, "view reads a channel that is not there");
                }
                yield in.withChannels(v.channels().size());
            }
            case Op.Add a -> {
                check(g.node(n.inputs().get(1)).shape().equals(in), n, "add of different shapes");
                yield in;
            }
            case Op.Scale s -> {
                check(g.node(n.inputs().get(1)).shape().equals(Shape.chw(in.channels(), 1, 1)), n, "scale factors of shape "
                        + g.node(n.inputs().get(1)).shape());
                yield in;
            }
            case Op.Input i -> in;
            case Op.BatchNorm b -> in;
            case Op.Activate a -> in;
            case Op.Softmax s -> in;
        };
    }

    private static int size(int s, int k, int stride, int pad) { return (s + 2 * pad - k) / stride + 1; }

    private static void check(boolean ok, Node n, String what) {
        if (!ok) throw new IllegalStateException("IR verification failed at %" + n.id() + " (" + n.name() + "): " + what);
    }
}

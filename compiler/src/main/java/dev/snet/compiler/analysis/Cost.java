package dev.snet.compiler.analysis;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;

/**
 * Parameters and multiply-accumulates of a layer, counted as the ShuffleNet papers and PyTorch do:
 * parameters are conv/fc weights and biases and BN's affine weight and bias (running statistics are
 * buffers); MACs count convolutions and fully connected layers only.
 */
public final class Cost {
    private Cost() {}

    public static long params(Graph g, Node n) {
        if (n.inputs().isEmpty()) return 0;
        Shape in = g.node(n.inputs().get(0)).shape();
        return n.op().parameters(in).stream().filter(Op.Param::trainable).mapToLong(Op.Param::size).sum();
    }

    public static long macs(Graph g, Node n) {
        return switch (n.op()) {
            case Op.Conv c -> {
                Shape in = g.node(n.inputs().get(0)).shape();
                yield (long) n.shape().channels() * n.shape().height() * n.shape().width()
                        * (in.channels() / c.groups()) * c.kernel() * c.kernel();
            }
            case Op.Linear l -> (long) g.node(n.inputs().get(0)).shape().channels() * l.outFeatures();
            // Neither papers nor PyTorch counters count these (SE's rescaling included).
            case Op.Input i -> 0;
            case Op.BatchNorm b -> 0;
            case Op.Activate a -> 0;
            case Op.Shuffle s -> 0;
            case Op.Slice s -> 0;
            case Op.Concat c -> 0;
            case Op.Add a -> 0;
            case Op.Scale s -> 0;
            case Op.View v -> 0;
            case Op.MaxPool p -> 0;
            case Op.AvgPool p -> 0;
            case Op.GlobalAvgPool p -> 0;
            case Op.Flatten f -> 0;
            case Op.Softmax s -> 0;
        };
    }

    public static long totalParams(Graph g) { return g.nodes().stream().mapToLong(n -> params(g, n)).sum(); }

    public static long totalMacs(Graph g) { return g.nodes().stream().mapToLong(n -> macs(g, n)).sum(); }
}

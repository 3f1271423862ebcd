package dev.snet.compiler.analysis;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ops.Ops;

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
        if (n.inputs().isEmpty()) return 0;
        return Ops.of(n.op()).macs(n.op(), n.inputs().stream().map(i -> g.node(i).shape()).toList(), n.shape());
    }

    public static long totalParams(Graph g) { return g.nodes().stream().mapToLong(n -> params(g, n)).sum(); }

    public static long totalMacs(Graph g) { return g.nodes().stream().mapToLong(n -> macs(g, n)).sum(); }
}

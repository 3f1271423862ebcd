package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The weights of a graph: for each node, its parameter tensors in the order of
 * {@link Op#parameters}, already checked against the expected shapes.
 */
public record BoundWeights(Map<Integer, List<float[]>> byNode) {

    public BoundWeights {
        byNode = Map.copyOf(byNode);
    }

    public List<float[]> of(Node n) { return byNode.getOrDefault(n.id(), List.of()); }

    /** Every expected weight of a graph: its key, the node, the parameter and the node's input shape. */
    public record Expected(String key, Node node, Op.Param param, Shape input) {
        /** The shape of the node's main weight, whose fan-in PyTorch's initialisation uses for the bias too. */
        public List<Integer> weightShape() { return node.op().parameters(input).get(0).shape(); }
    }

    public static List<Expected> expected(Graph g) {
        List<Expected> out = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.inputs().isEmpty()) continue;
            Shape in = g.node(n.inputs().get(0)).shape();
            for (Op.Param p : n.op().parameters(in)) out.add(new Expected(n.weightKey(p), n, p, in));
        }
        return out;
    }
}

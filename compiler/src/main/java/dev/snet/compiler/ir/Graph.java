package dev.snet.compiler.ir;

import java.util.List;
import java.util.Map;

/**
 * A checked, shape-inferred model: nodes in a topological order (every input precedes its user),
 * one input node and one output node. {@code parameters} records the values the model was
 * elaborated with, choices included.
 */
public record Graph(String model, Map<String, String> parameters, List<Node> nodes, int input, int output) {

    public Graph {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        nodes = List.copyOf(nodes);
    }

    public Node node(int id) { return nodes.get(id); }

    public Shape inputShape() { return node(input).shape(); }

    public Shape outputShape() { return node(output).shape(); }
}

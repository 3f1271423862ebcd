package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a new graph from an old one: nodes may be replaced, removed (their users redirected to
 * another node) or kept; ids are renumbered densely in the original (topological) order.
 */
final class Rewriter {
    private final Graph graph;
    private final Node[] replacement;
    private final int[] forward;
    private final boolean[] removed;

    Rewriter(Graph graph) {
        this.graph = graph;
        int n = graph.nodes().size();
        this.replacement = graph.nodes().toArray(Node[]::new);
        this.forward = new int[n];
        Arrays.setAll(forward, i -> i);
        this.removed = new boolean[n];
    }

    Graph graph() { return graph; }

    Node current(int id) { return replacement[id]; }

    void replace(Node n) { replacement[n.id()] = n; }

    /** Removes node {@code id}; whatever read it reads {@code by} instead. */
    void remove(int id, int by) {
        removed[id] = true;
        forward[id] = by;
    }

    /** Removes a node nobody reads. */
    void drop(int id) { removed[id] = true; }

    boolean isRemoved(int id) { return removed[id]; }

    private int resolve(int id) {
        while (removed[id] && forward[id] != id) id = forward[id];
        return id;
    }

    Graph build() {
        int[] newId = new int[replacement.length];
        List<Node> nodes = new ArrayList<>();
        for (Node n : replacement) {
            if (removed[n.id()]) continue;
            newId[n.id()] = nodes.size();
            nodes.add(n);
        }
        List<Node> renumbered = new ArrayList<>();
        for (Node n : nodes) {
            List<Integer> inputs = n.inputs().stream().map(i -> newId[resolve(i)]).toList();
            renumbered.add(new Node(newId[n.id()], n.name(), n.op(), inputs, n.shape(), n.span(), n.weights()));
        }
        return new Graph(graph.model(), graph.parameters(), renumbered, newId[resolve(graph.input())], newId[resolve(graph.output())]);
    }

    /** How many nodes read each node (the output counts as a reader). */
    static int[] users(Graph g) {
        int[] users = new int[g.nodes().size()];
        for (Node n : g.nodes()) for (int i : n.inputs()) users[i]++;
        users[g.output()]++;
        return users;
    }
}

package dev.snet.compiler.render;

import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.analysis.OpText;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A graph as Graphviz DOT: one box per node with its layer name, op, output shape and MACs. Nodes
 * that move no data (views: a shuffle, split or concat after optimisation, a flatten) are dashed,
 * so that what the optimiser removed is visible at a glance.
 */
public final class GraphDot {
    private GraphDot() {}

    public static String of(Graph g, String title) {
        StringBuilder s = new StringBuilder();
        s.append("digraph ").append(quote(g.model())).append(" {\n");
        s.append("  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, labelloc=t, label=").append(quote(title)).append("];\n");
        s.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, fillcolor=\"#dbe8fb\", color=\"#4a6fa5\"];\n");
        s.append("  edge [color=\"#555555\", arrowsize=0.6];\n");
        for (Node n : g.nodes()) {
            s.append("  n").append(n.id()).append(" [label=").append(quote(label(g, n))).append(attributes(g, n)).append("];\n");
        }
        for (Node n : g.nodes()) {
            for (int in : n.inputs()) s.append("  n").append(in).append(" -> n").append(n.id()).append(";\n");
        }
        s.append("}\n");
        return s.toString();
    }

    /** "ShuffleNetV2 width=1.0 classes=1000": the model and the parameter values it was built with. */
    public static String modelTitle(Graph g) {
        StringBuilder s = new StringBuilder(g.model());
        g.parameters().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    private static String label(Graph g, Node n) {
        String shape = n.shape().dims().stream().map(String::valueOf).collect(Collectors.joining("×"));
        long macs = Cost.macs(g, n);
        String name = n.name().isEmpty() ? "" : n.name() + "\n";
        return name + OpText.describe(n.op()) + "\n" + shape + (macs > 0 ? " · " + macs(macs) : "");
    }

    private static String attributes(Graph g, Node n) {
        if (n.id() == g.input()) return ", shape=ellipse, fillcolor=\"#e6f4ea\", color=\"#3c8d5a\"";
        String style = n.id() == g.output() ? ", peripheries=2" : "";
        if (movesNoData(n.op())) return style + ", style=\"rounded,dashed,filled\", fillcolor=\"#f4f4f4\", color=\"#888888\", fontcolor=\"#555555\"";
        if (Cost.macs(g, n) == 0) return style + ", fillcolor=\"#fdf3d8\", color=\"#b08a2e\"";
        return style;
    }

    private static boolean movesNoData(Op op) {
        return op instanceof Op.View || op instanceof Op.Flatten;
    }

    static String macs(long macs) {
        if (macs >= 1_000_000) return String.format(Locale.ROOT, "%.2f M MACs", macs / 1e6);
        if (macs >= 1_000) return String.format(Locale.ROOT, "%.1f K MACs", macs / 1e3);
        return macs + " MACs";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

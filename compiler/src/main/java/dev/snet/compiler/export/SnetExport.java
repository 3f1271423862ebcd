package dev.snet.compiler.export;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A concrete model as a flat, standalone {@code .snet} file: no parameters, no choices, no blocks,
 * no imports, one line per layer of the source graph. Each layer keeps its name through a quoted
 * label ({@code "stage3.5.branch2.3": conv(...)}), so the file reads the same weights as the
 * model it was taken from (a search space with the chosen -P values). What search results are
 * exported as: a file anyone can compile, diff and keep, whatever happens to the space.
 */
public final class SnetExport {
    private SnetExport() {}

    /** The model as .snet text; {@code header} lines become comments at the top. */
    public static String of(Graph g, String modelName, List<String> header) {
        StringBuilder s = new StringBuilder();
        for (String h : header) s.append("# ").append(h.replace("\n", " ")).append('\n');
        s.append("model ").append(modelName).append(" {\n");
        boolean[] live = live(g);
        for (Node n : g.nodes()) {
            if (!live[n.id()]) continue;
            s.append("  ").append(statement(g, n)).append('\n');
        }
        s.append("  return ").append(var(g.node(g.output()))).append("\n}\n");
        return s.toString();
    }

    private static boolean[] live(Graph g) {
        boolean[] live = new boolean[g.nodes().size()];
        live[g.output()] = true;
        for (int i = g.nodes().size() - 1; i >= 0; i--) if (live[i]) for (int in : g.node(i).inputs()) live[in] = true;
        return live;
    }

    private static String var(Node n) { return n.op() instanceof Op.Input ? "x" : "t" + n.id(); }

    private static String statement(Graph g, Node n) {
        List<Node> in = n.inputs().stream().map(g::node).toList();
        String label = "\"" + n.name() + "\": ";
        return switch (n.op()) {
            case Op.Input i -> "input x: [" + n.shape().dims().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
            case Op.Conv c -> pipe(n, in, label + "conv(" + c.outChannels() + ", " + c.kernel() + ", stride=" + c.stride() + ", pad=" + c.padding()
                    + ", groups=" + c.groups() + ", bias=" + c.bias() + ")") + activation(c.activation());
            case Op.BatchNorm b -> pipe(n, in, label + "bn(eps=" + b.eps() + ")");
            case Op.Activate a -> pipe(n, in, label + a.activation().keyword());
            case Op.Shuffle sh -> pipe(n, in, label + "shuffle(" + sh.groups() + ")");
            case Op.MaxPool p -> pipe(n, in, label + "maxpool(" + p.kernel() + ", stride=" + p.stride() + ", pad=" + p.padding() + ")");
            case Op.AvgPool p -> pipe(n, in, label + "avgpool(" + p.kernel() + ", stride=" + p.stride() + ", pad=" + p.padding()
                    + ", count_include_pad=" + p.countIncludePad() + ")");
            case Op.GlobalAvgPool p -> pipe(n, in, label + "global_avgpool");
            case Op.Flatten f -> pipe(n, in, label + "flatten");
            case Op.Linear l -> pipe(n, in, label + "fc(" + l.outFeatures() + ", bias=" + l.bias() + ")") + activation(l.activation());
            case Op.Softmax sm -> pipe(n, in, label + "softmax");
            case Op.Slice sl -> slice(n, in.get(0), sl);
            case Op.Concat c -> var(n) + " = concat(" + in.stream().map(SnetExport::var).collect(Collectors.joining(", ")) + ")";
            case Op.Add a -> var(n) + " = add(" + var(in.get(0)) + ", " + var(in.get(1)) + ")" + activation(a.activation());
            case Op.Scale sc -> var(n) + " = scale(" + var(in.get(0)) + ", " + var(in.get(1)) + ")";
            case Op.View v -> throw new IllegalArgumentException("views exist only in optimised graphs; export the source graph");
        };
    }

    private static String pipe(Node n, List<Node> in, String stage) { return var(n) + " = " + var(in.get(0)) + " |> " + stage; }

    private static String activation(dev.snet.compiler.ir.Activation a) {
        return a == dev.snet.compiler.ir.Activation.NONE ? "" : " |> " + a.keyword();
    }

    /** A part of a split: the other parts get names that start with `_` (computed and not read, without a warning). */
    private static String slice(Node n, Node in, Op.Slice sl) {
        int channels = in.shape().channels();
        StringBuilder names = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        if (sl.start() > 0) part(names, sizes, "_a" + n.id(), sl.start());
        part(names, sizes, var(n), sl.count());
        int rest = channels - sl.start() - sl.count();
        if (rest > 0) part(names, sizes, "_b" + n.id(), rest);
        if (rest == 0 && sl.start() == 0) return var(n) + " = " + var(in);
        return names + " = split(" + var(in) + ", [" + sizes + "])";
    }

    private static void part(StringBuilder names, StringBuilder sizes, String name, int size) {
        if (!names.isEmpty()) {
            names.append(", ");
            sizes.append(", ");
        }
        names.append(name);
        sizes.append(size);
    }
}

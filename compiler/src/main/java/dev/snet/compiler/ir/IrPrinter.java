package dev.snet.compiler.ir;

import dev.snet.compiler.analysis.OpText;
import java.util.stream.Collectors;

/** The IR as text, one node a line: {@code %3 = conv 1x1 +relu (%2) : [24, 112, 112]  # conv1.0  model.snet:27}. */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(Graph g) {
        StringBuilder out = new StringBuilder("graph " + g.model() + " (input %" + g.input() + ", output %" + g.output() + ")\n");
        for (Node n : g.nodes()) {
            out.append(String.format("%%%d = %s (%s) : %s  # %s%s%n", n.id(), OpText.describe(n.op()),
                    n.inputs().stream().map(i -> "%" + i).collect(Collectors.joining(", ")), n.shape(), n.name(),
                    n.span() == null ? "" : "  " + n.span().location()));
        }
        return out.toString();
    }
}

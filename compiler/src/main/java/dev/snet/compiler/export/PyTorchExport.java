package dev.snet.compiler.export;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A model as a standalone PyTorch module, for training what was designed (or found by search) in
 * snet. Every layer with weights is registered under its snet name, so the module's state_dict keys
 * are snet's weight keys: {@code load_state_dict} takes the tensors {@code snetc run --weights}
 * takes, and a trained state_dict goes back through {@code tools/pth_to_safetensors.py}.
 * The graph is exported as written (before optimisation), one line of {@code forward} per node.
 */
public final class PyTorchExport {
    private PyTorchExport() {}

    public static String of(Graph g, String sourceName) {
        String cls = className(g.model());
        StringBuilder s = new StringBuilder();
        String signature = signature(g);
        s.append("# ").append(signature).append(", exported from ").append(sourceName).append(" by snetc export --format pytorch.\n");
        s.append("# Parameter and buffer names are snet's weight keys: load_state_dict() takes the tensors that\n");
        s.append("# `snetc run --weights` takes, and tools/pth_to_safetensors.py turns a trained state_dict back into them.\n");
        s.append("import torch\nfrom torch import nn\nimport torch.nn.functional as F\n\n\n");
        s.append("class ").append(cls).append("(nn.Module):\n");
        s.append("    \"\"\"").append(signature).append(": input [N, ").append(dims(g.inputShape())).append("], output [N, ")
                .append(dims(g.outputShape())).append("].\"\"\"\n\n");
        s.append("    input_shape = (").append(dims(g.inputShape())).append(g.inputShape().rank() == 1 ? ",)" : ")").append("\n\n");
        s.append("    def __init__(self):\n        super().__init__()\n");
        int layers = 0;
        for (Node n : g.nodes()) {
            String module = module(g, n);
            if (module == null) continue;
            s.append("        self._add(\"").append(n.name()).append("\", ").append(module).append(")\n");
            layers++;
        }
        if (layers == 0) s.append("        pass\n");
        s.append("\n    def forward(self, x):\n        m = self.get_submodule\n");
        for (Node n : g.nodes()) {
            s.append("        ").append(var(n)).append(" = ").append(expression(g, n)).append(comment(n)).append('\n');
        }
        s.append("        return ").append(var(g.node(g.output()))).append("\n\n");
        s.append("""
                    def _add(self, path, module):
                        # Nested containers make the state_dict key `a.0.b.weight` from the snet layer name `a.0.b`.
                        parent = self
                        *outer, last = path.split(".")
                        for part in outer:
                            if part not in parent._modules:
                                parent.add_module(part, nn.Module())
                            parent = parent._modules[part]
                        parent.add_module(last, module)


                def channel_shuffle(x, groups):
                    n, c, h, w = x.shape
                    return x.view(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


                if __name__ == "__main__":
                """);
        s.append("    model = ").append(cls).append("().eval()\n");
        s.append("    print(model(torch.randn(1, *").append(cls).append(".input_shape)).shape)\n");
        return s.toString();
    }

    private static String module(Graph g, Node n) {
        Shape in = n.inputs().isEmpty() ? null : g.node(n.inputs().get(0)).shape();
        return switch (n.op()) {
            case Op.Conv c -> String.format(Locale.ROOT, "nn.Conv2d(%d, %d, %d, stride=%d, padding=%d, groups=%d, bias=%s)",
                    in.channels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups(), c.bias() ? "True" : "False");
            case Op.BatchNorm b -> String.format(Locale.ROOT, "nn.BatchNorm%dd(%d, eps=%s)", in.rank() == 1 ? 1 : 2, in.channels(), number(b.eps()));
            case Op.Linear l -> String.format(Locale.ROOT, "nn.Linear(%d, %d, bias=%s)", in.channels(), l.outFeatures(), l.bias() ? "True" : "False");
            case Op.Input i -> null;
            case Op.Activate a -> null;
            case Op.Scale sc -> null;
            case Op.Shuffle sh -> null;
            case Op.Slice sl -> null;
            case Op.Concat cc -> null;
            case Op.Add ad -> null;
            case Op.View v -> null;
            case Op.MaxPool mp -> null;
            case Op.AvgPool ap -> null;
            case Op.GlobalAvgPool gp -> null;
            case Op.Flatten f -> null;
            case Op.Softmax sm -> null;
        };
    }

    private static String expression(Graph g, Node n) {
        List<String> in = n.inputs().stream().map(i -> var(g.node(i))).toList();
        String layer = "m(\"" + n.name() + "\")(" + (in.isEmpty() ? "" : in.get(0)) + ")";
        return switch (n.op()) {
            case Op.Input i -> "x";
            case Op.Conv c -> activation(c.activation(), c.residual() ? layer + " + " + in.get(1) : layer);
            case Op.BatchNorm b -> layer;
            case Op.Linear l -> activation(l.activation(), layer);
            case Op.Activate a -> activation(a.activation(), in.get(0));
            case Op.Scale sc -> in.get(0) + " * " + in.get(1);
            case Op.Shuffle sh -> "channel_shuffle(" + in.get(0) + ", " + sh.groups() + ")";
            case Op.Slice sl -> in.get(0) + "[:, " + sl.start() + ":" + (sl.start() + sl.count()) + "]";
            case Op.Concat cc -> "torch.cat([" + String.join(", ", in) + "], 1)";
            case Op.Add ad -> activation(ad.activation(), String.join(" + ", in));
            case Op.View v -> view(v, in);
            case Op.MaxPool mp -> String.format(Locale.ROOT, "F.max_pool2d(%s, %d, stride=%d, padding=%d)", in.get(0), mp.kernel(), mp.stride(), mp.padding());
            case Op.AvgPool ap -> String.format(Locale.ROOT, "F.avg_pool2d(%s, %d, stride=%d, padding=%d, count_include_pad=%s)",
                    in.get(0), ap.kernel(), ap.stride(), ap.padding(), ap.countIncludePad() ? "True" : "False");
            case Op.GlobalAvgPool gp -> in.get(0) + ".mean((2, 3), keepdim=True)";
            case Op.Flatten f -> "torch.flatten(" + in.get(0) + ", 1)";
            case Op.Softmax sm -> "F.softmax(" + in.get(0) + ", dim=1)";
        };
    }

    /** A view (only in optimised graphs) as the concatenation of its runs of consecutive channels. */
    private static String view(Op.View v, List<String> in) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < v.channels().size()) {
            Op.Source first = v.channels().get(i);
            int j = i + 1;
            while (j < v.channels().size() && v.channels().get(j).input() == first.input()
                    && v.channels().get(j).channel() == first.channel() + (j - i)) j++;
            parts.add(in.get(first.input()) + "[:, " + first.channel() + ":" + (first.channel() + j - i) + "]");
            i = j;
        }
        return "torch.cat([" + String.join(", ", parts) + "], 1)";
    }

    private static String activation(Activation a, String x) {
        return switch (a) {
            case NONE -> x;
            case RELU -> "F.relu(" + x + ")";
            case RELU6 -> "F.relu6(" + x + ")";
            case HSWISH -> "F.hardswish(" + x + ")";
            case HSIGMOID -> "F.hardsigmoid(" + x + ")";
            case SIGMOID -> "torch.sigmoid(" + x + ")";
            case SILU -> "F.silu(" + x + ")";
        };
    }

    private static String var(Node n) { return "x" + n.id(); }

    private static String comment(Node n) {
        String where = n.span() == null ? "" : "line " + n.span().line();
        String what = n.op().kind() + (n.name().isEmpty() || n.op() instanceof Op.Input ? "" : " " + n.name());
        return "  # " + what + (where.isEmpty() ? "" : ", " + where);
    }

    private static String signature(Graph g) {
        String parameters = g.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return g.model() + (parameters.isEmpty() ? "" : " " + parameters);
    }

    private static String dims(Shape s) {
        return s.dims().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The model's name as a Python class name (snet model names are already identifiers). */
    private static String className(String model) {
        return model.isEmpty() ? "Model" : model;
    }
}

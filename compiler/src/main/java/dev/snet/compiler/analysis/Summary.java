package dev.snet.compiler.analysis;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.sema.ChoiceDim;
import dev.snet.compiler.sema.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-layer table of a model and its totals, as text or as the JSON object documented in the README. */
public record Summary(Graph graph, List<Row> rows, long params, long macs, List<ChoiceDim> choices, SearchSpace.Size space) {

    public record Row(String name, String op, List<Integer> shape, long params, long macs) {}

    /** {@code space} is null for a model without choices. */
    public static Summary of(Graph g, List<ChoiceDim> choices, SearchSpace.Size space) {
        List<Row> rows = new ArrayList<>();
        for (Node n : g.nodes()) {
            rows.add(new Row(n.name(), OpText.describe(n.op()), n.shape().dims(), Cost.params(g, n), Cost.macs(g, n)));
        }
        return new Summary(g, rows, Cost.totalParams(g), Cost.totalMacs(g), List.copyOf(choices), space);
    }

    public List<ChoiceDim> unresolved() { return choices.stream().filter(c -> !c.assigned()).toList(); }

    public Map<String, Object> toJson(boolean flops) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", graph.model());
        o.put("parameters", graph.parameters());
        o.put("input", graph.inputShape().dims());
        o.put("output", graph.outputShape().dims());
        List<Object> layers = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", r.name());
            l.put("op", r.op());
            l.put("shape", r.shape());
            l.put("params", r.params());
            l.put("macs", r.macs());
            if (flops) l.put("flops", 2 * r.macs());
            layers.add(l);
        }
        o.put("layers", layers);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("params", params);
        total.put("macs", macs);
        if (flops) total.put("flops", 2 * macs);
        o.put("total", total);
        if (!choices.isEmpty()) {
            Map<String, Object> space = new LinkedHashMap<>();
            if (this.space != null) {
                space.put("size", this.space.models());
                space.put("exact", this.space.exact());
            }
            space.put("choices", choices.stream().map(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("options", c.options());
                m.put("value", c.chosen());
                m.put("assigned", c.assigned());
                return (Object) m;
            }).toList());
            o.put("space", space);
        }
        return o;
    }

    public String toText(boolean flops) {
        StringBuilder out = new StringBuilder();
        out.append("model ").append(graph.model());
        if (!graph.parameters().isEmpty()) {
            List<String> ps = new ArrayList<>();
            graph.parameters().forEach((k, v) -> ps.add(k + "=" + v));
            out.append(" (").append(String.join(", ", ps)).append(')');
        }
        out.append("  input ").append(graph.inputShape()).append("  output ").append(graph.outputShape()).append('\n');
        if (!choices.isEmpty()) {
            out.append("search space: ");
            if (space != null) out.append(space.exact() ? "" : "about ").append(String.format("%,d", space.models())).append(" models; ");
            out.append("this one has ").append(choices.size()).append(" choice").append(choices.size() == 1 ? "" : "s").append('\n');
            for (ChoiceDim c : choices) {
                out.append("  ").append(c.name()).append(" ∈ {").append(String.join(", ", c.options())).append("} = ").append(c.chosen())
                   .append(c.assigned() ? "" : "  (first option; set with -P " + c.name() + "=...)").append('\n');
            }
        }
        out.append('\n');
        int nameWidth = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        int opWidth = Math.max(2, rows.stream().mapToInt(r -> r.op().length()).max().orElse(2));
        int shapeWidth = Math.max(5, rows.stream().mapToInt(r -> r.shape().toString().length()).max().orElse(5));
        String fmt = "%-" + nameWidth + "s  %-" + opWidth + "s  %-" + shapeWidth + "s  %12s  %14s" + (flops ? "  %14s" : "%s") + "%n";
        out.append(String.format(fmt, "name", "op", "output", "params", "MACs", flops ? "FLOPs" : ""));
        for (Row r : rows) {
            out.append(String.format(fmt, r.name(), r.op(), r.shape(), count(r.params()), count(r.macs()), flops ? count(2 * r.macs()) : ""));
        }
        out.append(String.format(fmt, "total", "", "", String.format("%,d", params), String.format("%,d", macs),
                flops ? String.format("%,d", 2 * macs) : ""));
        out.append(String.format("%n%,d parameters, %.2f M MACs%s%n", params, macs / 1e6,
                flops ? String.format(" (%.2f M FLOPs)", 2 * macs / 1e6) : ""));
        return out.toString();
    }

    private static String count(long n) { return n == 0 ? "-" : String.format("%,d", n); }
}

package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns data-movement ops into views: each output channel names the input channel it is. A view
 * whose input is itself a view reads through it, so chains (split of a shuffle of a concat)
 * collapse into one gather that the memory plan resolves at compile time.
 */
final class Views {
    private Views() {}

    static Graph convert(Graph g, Function<Node, List<Op.Source>> channels) {
        Rewriter r = new Rewriter(g);
        for (Node n : g.nodes()) {
            List<Op.Source> sources = channels.apply(n);
            if (sources != null) r.replace(compose(r, n.with(new Op.View(sources), n.inputs(), n.weights())));
            else if (n.op() instanceof Op.View) r.replace(compose(r, n));
        }
        return r.build();
    }

    /** Rewrites a view so that it reads no other view. */
    static Node compose(Rewriter r, Node view) {
        List<Integer> inputs = new ArrayList<>();
        List<Op.Source> sources = new ArrayList<>();
        for (Op.Source s : ((Op.View) view.op()).channels()) {
            int input = view.inputs().get(s.input());
            int channel = s.channel();
            Node producer = r.current(input);
            if (producer.op() instanceof Op.View inner) {
                Op.Source through = inner.channels().get(channel);
                input = producer.inputs().get(through.input());
                channel = through.channel();
            }
            int index = inputs.indexOf(input);
            if (index < 0) {
                index = inputs.size();
                inputs.add(input);
            }
            sources.add(new Op.Source(index, channel));
        }
        return view.with(new Op.View(sources), inputs, view.weights());
    }

    static List<Op.Source> identity(int input, int start, int count) {
        List<Op.Source> s = new ArrayList<>();
        for (int c = 0; c < count; c++) s.add(new Op.Source(input, start + c));
        return s;
    }
}

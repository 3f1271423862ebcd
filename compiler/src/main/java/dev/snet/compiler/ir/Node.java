package dev.snet.compiler.ir;

import dev.snet.compiler.source.SourceSpan;
import java.util.List;

/**
 * One operation of the graph. {@code name} is the layer's hierarchical name, the prefix of its
 * weight keys ({@code stage2.0.branch2.0} gives {@code stage2.0.branch2.0.weight}).
 */
public record Node(int id, String name, Op op, List<Integer> inputs, Shape shape, SourceSpan span) {

    public Node {
        inputs = List.copyOf(inputs);
    }

    public String weightKey(Op.Param p) { return name + "." + p.suffix(); }
}

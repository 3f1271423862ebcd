package dev.snet.compiler.ir;

import dev.snet.compiler.source.SourceSpan;
import java.util.List;

/**
 * One operation of the graph. {@code name} is the layer's hierarchical name, the prefix of its
 * weight keys ({@code stage2.0.branch2.0} gives {@code stage2.0.branch2.0.weight}).
 */
public record Node(int id, String name, Op op, List<Integer> inputs, Shape shape, SourceSpan span, List<Weight> weights) {

    public Node {
        inputs = List.copyOf(inputs);
        weights = List.copyOf(weights);
    }

    public String weightKey(Op.Param p) { return name + "." + p.suffix(); }

    public Node with(Op newOp, List<Integer> newInputs, List<Weight> newWeights) {
        return new Node(id, name, newOp, newInputs, shape, span, newWeights);
    }

    /** The weights an op of the source model reads: one file tensor per parameter. */
    public static List<Weight> rawWeights(String name, Op op, Shape input) {
        return op.parameters(input).stream().map(p -> (Weight) new Weight.Raw(name + "." + p.suffix(), p.shape())).toList();
    }
}

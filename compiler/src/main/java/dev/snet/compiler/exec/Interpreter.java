package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.ops.Evaluation;
import dev.snet.compiler.ops.Ops;
import dev.snet.runtime.Tensor;
import java.util.List;

/**
 * Executes a graph node by node with the reference kernels. Simple and obviously right: it is the
 * oracle for the optimisation passes, the memory planner and the generated code. It runs source
 * graphs and optimised ones alike (folded weights, fused activations, views).
 */
public final class Interpreter {
    private final Graph graph;
    private final float[][][] weights;

    /** Evaluates every node's weights once. */
    public Interpreter(Graph graph, RawWeights raw) {
        this.graph = graph;
        this.weights = new float[graph.nodes().size()][][];
        for (Node n : graph.nodes()) {
            List<Weight> ws = n.weights();
            weights[n.id()] = new float[ws.size()][];
            for (int i = 0; i < ws.size(); i++) weights[n.id()][i] = WeightEval.eval(ws.get(i), raw);
        }
    }

    public static Tensor run(Graph g, RawWeights raw, Tensor input) {
        return new Interpreter(g, raw).run(input);
    }

    /** Runs on a batch {@code input} of shape [N, C, H, W]; returns [N, ...output shape]. */
    public Tensor run(Tensor input) {
        Shape in = graph.inputShape();
        int[] s = input.shape();
        if (s.length != 4 || s[1] != in.channels() || s[2] != in.height() || s[3] != in.width()) {
            throw new IllegalArgumentException("input shape " + java.util.Arrays.toString(s) + " does not match the model's [N, "
                    + in.channels() + ", " + in.height() + ", " + in.width() + "]");
        }
        int n = s[0];
        float[][] values = new float[graph.nodes().size()][];
        for (Node node : graph.nodes()) {
            values[node.id()] = node.op() instanceof Op.Input ? input.data() : step(node, values, weights[node.id()], n);
        }
        Shape out = graph.outputShape();
        int[] shape = new int[out.rank() + 1];
        shape[0] = n;
        for (int i = 0; i < out.rank(); i++) shape[i + 1] = out.dims().get(i);
        return new Tensor(shape, values[graph.output()]);
    }

    /** A node's reference semantics: its op's definition, given the node's inputs and weights. */
    private float[] step(Node node, float[][] values, float[][] w, int n) {
        List<float[]> inputs = node.inputs().stream().map(i -> values[i]).toList();
        List<Shape> shapes = node.inputs().stream().map(i -> graph.node(i).shape()).toList();
        return Ops.of(node.op()).evaluate(node.op(), new Evaluation(n, inputs, shapes, node.shape(), w));
    }
}

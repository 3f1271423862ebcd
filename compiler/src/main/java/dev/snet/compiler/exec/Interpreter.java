package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.kernels.Reference;
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

    private float[] step(Node node, float[][] values, float[][] w, int n) {
        Node first = graph.node(node.inputs().get(0));
        float[] x = values[first.id()];
        Shape is = first.shape();
        int c = is.channels();
        int h = is.height();
        int wd = is.width();
        int hw = h * wd;
        return switch (node.op()) {
            case Op.Input i -> x;
            case Op.Conv conv -> {
                float[] y = Reference.conv2d(x, n, c, h, wd, w[0], conv.bias() ? w[1] : null,
                        conv.outChannels(), conv.kernel(), conv.stride(), conv.padding(), conv.groups());
                yield activate(conv.residual() ? Reference.add(y, values[node.inputs().get(1)]) : y, conv.activation());
            }
            case Op.BatchNorm bn -> Reference.batchNorm(x, n, c, hw, w[0], w[1], w[2], w[3], bn.eps());
            case Op.Activate a -> activate(x, a.activation());
            case Op.Scale sc -> Reference.scale(x, values[node.inputs().get(1)], n, c, hw);
            case Op.Shuffle sh -> Reference.shuffle(x, n, c, hw, sh.groups());
            case Op.Slice sl -> Reference.slice(x, n, c, hw, sl.start(), sl.count());
            case Op.Concat cat -> {
                float[][] parts = new float[node.inputs().size()][];
                int[] channels = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = values[node.inputs().get(i)];
                    channels[i] = graph.node(node.inputs().get(i)).shape().channels();
                }
                yield Reference.concat(parts, channels, n, hw);
            }
            case Op.View view -> gather(node, view, values, n);
            case Op.Add add -> activate(Reference.add(x, values[node.inputs().get(1)]), add.activation());
            case Op.MaxPool p -> Reference.maxPool(x, n, c, h, wd, p.kernel(), p.stride(), p.padding());
            case Op.AvgPool p -> Reference.avgPool(x, n, c, h, wd, p.kernel(), p.stride(), p.padding(), p.countIncludePad());
            case Op.GlobalAvgPool gap -> Reference.globalAvgPool(x, n, c, hw);
            case Op.Flatten f -> x;
            case Op.Linear l -> activate(Reference.linear(x, n, c, w[0], l.bias() ? w[1] : null, l.outFeatures()), l.activation());
            case Op.Softmax sm -> Reference.softmax(x, n, c, is.rank() == 3 ? hw : 1);
        };
    }

    private float[] gather(Node node, Op.View view, float[][] values, int n) {
        int hw = node.shape().height() * node.shape().width();
        int outC = view.channels().size();
        float[] y = new float[n * outC * hw];
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < outC; c++) {
                Op.Source src = view.channels().get(c);
                int srcC = graph.node(node.inputs().get(src.input())).shape().channels();
                System.arraycopy(values[node.inputs().get(src.input())], (b * srcC + src.channel()) * hw, y, (b * outC + c) * hw, hw);
            }
        }
        return y;
    }

    private static float[] activate(float[] y, Activation a) {
        return a == Activation.NONE ? y : Reference.activation(y, a.code());
    }
}

package dev.snet.compiler.exec;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.kernels.Reference;
import java.util.List;

/**
 * Executes a graph node by node with the reference kernels. Simple and obviously right: it is the
 * oracle for the optimisation passes, the memory planner and the generated code.
 */
public final class Interpreter {
    private Interpreter() {}

    /** Runs {@code g} on a batch {@code input} of shape [N, C, H, W]; returns [N, ...output shape]. */
    public static Tensor run(Graph g, BoundWeights weights, Tensor input) {
        Shape in = g.inputShape();
        int[] s = input.shape();
        if (s.length != 4 || s[1] != in.channels() || s[2] != in.height() || s[3] != in.width()) {
            throw new IllegalArgumentException("input shape " + java.util.Arrays.toString(s) + " does not match the model's [N, "
                    + in.channels() + ", " + in.height() + ", " + in.width() + "]");
        }
        int n = s[0];
        float[][] values = new float[g.nodes().size()][];
        for (Node node : g.nodes()) {
            values[node.id()] = node.op() instanceof Op.Input ? input.data() : step(g, node, values, weights.of(node), n);
        }
        Shape out = g.outputShape();
        int[] shape = new int[out.rank() + 1];
        shape[0] = n;
        for (int i = 0; i < out.rank(); i++) shape[i + 1] = out.dims().get(i);
        return new Tensor(shape, values[g.output()]);
    }

    private static float[] step(Graph g, Node node, float[][] values, List<float[]> w, int n) {
        Node first = g.node(node.inputs().get(0));
        float[] x = values[first.id()];
        Shape is = first.shape();
        int c = is.channels();
        int h = is.height();
        int wd = is.width();
        int hw = h * wd;
        return switch (node.op()) {
            case Op.Input i -> x;
            case Op.Conv conv -> Reference.conv2d(x, n, c, h, wd, w.get(0), conv.bias() ? w.get(1) : null,
                    conv.outChannels(), conv.kernel(), conv.stride(), conv.padding(), conv.groups());
            case Op.BatchNorm bn -> Reference.batchNorm(x, n, c, hw, w.get(0), w.get(1), w.get(2), w.get(3), bn.eps());
            case Op.Relu r -> Reference.relu(x);
            case Op.Relu6 r -> Reference.relu6(x);
            case Op.Shuffle sh -> Reference.shuffle(x, n, c, hw, sh.groups());
            case Op.Slice sl -> Reference.slice(x, n, c, hw, sl.start(), sl.count());
            case Op.Concat cat -> {
                float[][] parts = new float[node.inputs().size()][];
                int[] channels = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = values[node.inputs().get(i)];
                    channels[i] = g.node(node.inputs().get(i)).shape().channels();
                }
                yield Reference.concat(parts, channels, n, hw);
            }
            case Op.Add add -> Reference.add(x, values[node.inputs().get(1)]);
            case Op.MaxPool p -> Reference.maxPool(x, n, c, h, wd, p.kernel(), p.stride(), p.padding());
            case Op.AvgPool p -> Reference.avgPool(x, n, c, h, wd, p.kernel(), p.stride(), p.padding(), p.countIncludePad());
            case Op.GlobalAvgPool gap -> Reference.globalAvgPool(x, n, c, hw);
            case Op.Flatten f -> x;
            case Op.Linear l -> Reference.linear(x, n, c, w.get(0), l.bias() ? w.get(1) : null, l.outFeatures());
            case Op.Softmax sm -> Reference.softmax(x, n, c, is.rank() == 3 ? hw : 1);
        };
    }
}

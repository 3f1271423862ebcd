package dev.snet.compiler.plan;

import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.runtime.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an optimised graph through its memory plan: every value is read from and written to the
 * one arena at the planned planes, computed by the interpreter's kernels on gathered copies. If
 * the plan let a block be overwritten while still needed, the outputs would differ.
 */
final class PlannedExecution {
    private PlannedExecution() {}

    static Tensor run(Graph g, MemoryPlan plan, RawWeights raw, Tensor input) {
        int n = input.dim(0);
        int classes = (int) g.outputShape().elements();
        float[] out = new float[n * classes];
        for (int b = 0; b < n; b++) {
            float[] arena = new float[plan.arenaFloats()];
            java.util.Arrays.fill(arena, Float.NaN);
            int sample = (int) g.inputShape().elements();
            scatter(arena, plan.layout(g.input()), input.data(), b * sample);
            for (Node node : g.nodes()) {
                if (node.op() instanceof Op.Input || node.op() instanceof Op.View || node.op() instanceof Op.Flatten) continue;
                float[] result = single(g, node, plan, raw, arena);
                scatter(arena, plan.layout(node.id()), result, 0);
            }
            float[] y = gather(arena, plan.layout(g.output()));
            System.arraycopy(y, 0, out, b * classes, classes);
        }
        int[] shape = new int[g.outputShape().rank() + 1];
        shape[0] = n;
        for (int i = 0; i < g.outputShape().rank(); i++) shape[i + 1] = g.outputShape().dims().get(i);
        return new Tensor(shape, out);
    }

    /** Runs one node alone through the interpreter, on its inputs gathered from the arena. */
    private static float[] single(Graph g, Node node, MemoryPlan plan, RawWeights raw, float[] arena) {
        List<Node> nodes = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        for (int i : node.inputs()) {
            Node in = g.node(i);
            inputs.add(nodes.size());
            nodes.add(new Node(nodes.size(), "in" + nodes.size(), new Op.Input(), List.of(), in.shape(), null, List.of()));
        }
        nodes.add(new Node(nodes.size(), node.name(), node.op(), inputs, node.shape(), node.span(), node.weights()));
        Graph one = new Graph("step", g.parameters(), nodes, 0, nodes.size() - 1);
        Interpreter interp = new Interpreter(one, raw);
        // The interpreter takes one input tensor; feed the others through a small graph of inputs.
        if (inputs.size() == 1) {
            float[] x = gather(arena, plan.layout(node.inputs().get(0)));
            return interp.run(new Tensor(batchShape(g.node(node.inputs().get(0))), x)).data();
        }
        return MultiInput.run(one, raw, node.inputs().stream().map(i -> gather(arena, plan.layout(i))).toList());
    }

    static int[] batchShape(Node n) {
        int[] s = new int[n.shape().rank() + 1];
        s[0] = 1;
        for (int i = 0; i < n.shape().rank(); i++) s[i + 1] = n.shape().dims().get(i);
        if (s.length == 2) return new int[] {1, s[1], 1, 1};
        return s;
    }

    static float[] gather(float[] arena, Layout l) {
        float[] x = new float[l.channels() * l.planeSize()];
        for (int c = 0; c < l.channels(); c++) System.arraycopy(arena, l.planes()[c], x, c * l.planeSize(), l.planeSize());
        return x;
    }

    static void scatter(float[] arena, Layout l, float[] x, int from) {
        for (int c = 0; c < l.channels(); c++) System.arraycopy(x, from + c * l.planeSize(), arena, l.planes()[c], l.planeSize());
    }

    /** The ops with several inputs: add, and concat (computed in the unoptimised graph). */
    private static final class MultiInput {
        static float[] run(Graph one, RawWeights raw, List<float[]> inputs) {
            if (one.node(one.output()).op() instanceof Op.Concat) {
                int size = inputs.stream().mapToInt(a -> a.length).sum();
                float[] y = new float[size];
                int at = 0;
                for (float[] a : inputs) {
                    System.arraycopy(a, 0, y, at, a.length);
                    at += a.length;
                }
                return y;
            }
            Node last = one.node(one.output());
            float[] first = inputs.get(0);
            if (last.op() instanceof Op.Scale) {
                var x = one.node(one.node(one.output()).inputs().get(0)).shape();
                int batch = first.length / (int) x.elements();
                return dev.snet.runtime.kernels.Reference.scale(first, inputs.get(1), batch, x.channels(), x.height() * x.width());
            }
            Activation activation;
            if (last.op() instanceof Op.Conv c) {
                // A conv with a fused residual: the conv alone on input 0, then the add below.
                Op.Conv plain = new Op.Conv(c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups(), c.bias(), Activation.NONE);
                List<Node> nodes = List.of(one.node(0), new Node(1, last.name(), plain, List.of(0), last.shape(), last.span(), last.weights()));
                Graph conv = new Graph("conv", one.parameters(), nodes, 0, 1);
                first = new Interpreter(conv, raw).run(new Tensor(batchShape(one.node(0)), inputs.get(0))).data();
                activation = c.activation();
            } else {
                activation = ((Op.Add) last.op()).activation();
            }
            float[] y = new float[first.length];
            for (int i = 0; i < y.length; i++) y[i] = first[i] + inputs.get(1)[i];
            return dev.snet.runtime.kernels.Reference.activation(y, activation.code());
        }
    }
}

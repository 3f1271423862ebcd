package dev.snet.compiler.proxy;

import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.codegen.cpu.PlanePitch;
import dev.snet.runtime.kernels.Arenas;
import dev.snet.runtime.kernels.Planar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A forward pass of a source graph (batch norm not folded) in training mode, as the training-free
 * proxies define it: batch norm normalises with the batch's own mean and biased variance. It runs
 * the runtime's vector kernels on one arena, and channel shuffle, split, concat and
 * flatten cost nothing: each node's channels are a list of plane offsets per image, and those ops
 * only rearrange the lists. Only the nodes the caller's targets depend on are computed; a buffer's
 * space is reused once its last reader has run. One instance serves one batch size and one thread.
 */
final class TrainingForward {
    /** What a proxy watches during the pass. */
    interface Listener {
        /** Before a ReLU or ReLU6 runs: its input, {@code planes[image][channel]} of {@code planeSize} floats each. */
        default void beforeRelu(Node node, float[] arena, int[][] planes, int planeSize) {}

        /** After a batch norm computed its batch statistics (per channel; the variance unbiased, as running_var takes it). */
        default void batchStatistics(Node node, double[] mean, double[] unbiasedVariance) {}
    }

    /** The most floats one arena may hold: a Java array's limit, less room for alignment. */
    private static final long MAX_ARENA = Integer.MAX_VALUE - 1024;

    private final Graph graph;
    private final int batch;
    private final boolean[] needed;
    private final int[] lastUse;
    /**
     * Per node: where each channel starts. Activations are channel-major, every image's plane of a
     * channel one after the other, so that 1x1 convolutions, batch norm and element-wise ops run over
     * the whole batch in one call, as over one large plane; spatial ops go image by image.
     */
    private final int[][] channels;
    /** Nodes that write over their input's planes. */
    private final boolean[] inPlace;
    private final int[] planeSize;
    private final int[][][] planes;
    private final float[][] convWeights;
    private final Map<String, float[]> weights;
    private final float[] arena;

    /**
     * A pass that computes {@code targets} and what they depend on; of those, only {@code kept}
     * outlive the pass (their planes can be read after {@link #run}); the others are seen by the
     * listener while they are computed, and their space reused as soon as nothing reads them.
     */
    TrainingForward(Graph graph, Map<String, float[]> weights, int batch, List<Integer> targets, List<Integer> kept) {
        this.graph = graph;
        this.batch = batch;
        this.weights = weights;
        int n = graph.nodes().size();
        needed = new boolean[n];
        for (int t : targets) markNeeded(t);
        lastUse = new int[n];
        Arrays.fill(lastUse, -1);
        for (int t : kept) lastUse[t] = n;
        inPlace = new boolean[n];
        channels = new int[n][];
        planeSize = new int[n];
        planes = new int[n][][];
        convWeights = new float[n][];
        arena = arenaOf(layOut());
    }

    /**
     * One arena per thread, kept for the next candidate: a search scores hundreds, and a fresh
     * arena each time (tens of megabytes, zeroed) cost more than some forward passes. Nothing is
     * read before it is written, as in a compiled model's arena between runs.
     */
    private static final ThreadLocal<float[]> ARENAS = new ThreadLocal<>();

    private static float[] arenaOf(int floats) {
        float[] a = ARENAS.get();
        if (a == null || a.length < Arenas.BASE + floats) {
            ARENAS.remove();  // let the old one go before the new one is made
            a = Arenas.allocate(floats);
            ARENAS.set(a);
        }
        return a;
    }

    private void markNeeded(int id) {
        List<Integer> stack = new ArrayList<>(List.of(id));
        while (!stack.isEmpty()) {
            int i = stack.remove(stack.size() - 1);
            if (needed[i]) continue;
            needed[i] = true;
            stack.addAll(graph.node(i).inputs());
        }
    }

    /** Assigns every computed node its planes, reusing space whose readers are done; returns the arena's size in floats. */
    private int layOut() {
        List<Node> nodes = graph.nodes();
        // A view's readers keep the buffers it shows alive: readers are charged to the buffers at the root.
        // Batch norm and activations write over their input when nothing else reads it (a view of it would: it
        // counts as a reader): then they have the input's roots.
        int[] consumers = new int[nodes.size()];
        for (Node node : nodes) if (needed[node.id()]) for (int i : node.inputs()) consumers[i]++;
        int[][] roots = new int[nodes.size()][];
        for (Node node : nodes) {
            if (!needed[node.id()]) continue;
            int id = node.id();
            if ((node.op() instanceof Op.BatchNorm || node.op() instanceof Op.Activate) && consumers[node.inputs().get(0)] == 1
                    && lastUse[node.inputs().get(0)] != graph.nodes().size() && !(graph.node(node.inputs().get(0)).op() instanceof Op.Input) && !isView(graph.node(node.inputs().get(0)))) {
                inPlace[id] = true;
            }
            roots[id] = isView(node) || inPlace[id]
                    ? node.inputs().stream().flatMapToInt(i -> Arrays.stream(roots[i])).distinct().toArray()
                    : new int[] {id};
            for (int i : node.inputs()) for (int r : roots[i]) lastUse[r] = Math.max(lastUse[r], node.id());
        }
        for (int t = 0; t < nodes.size(); t++) if (lastUse[t] == nodes.size() && roots[t] != null) for (int r : roots[t]) lastUse[r] = nodes.size();
        List<int[]> live = new ArrayList<>();  // {start, end, owner}
        int top = 0;
        for (Node node : nodes) {
            int id = node.id();
            if (!needed[id]) continue;
            Shape s = node.shape();
            if (isView(node)) {
                viewPlanes(node);
                continue;
            }
            if (inPlace[id]) {
                int x = node.inputs().get(0);
                channels[id] = channels[x];
                planes[id] = planes[x];
                planeSize[id] = planeSize[x];
                continue;
            }
            live.removeIf(b -> lastUse[b[2]] < id);
            int hw = s.height() * s.width();
            long run = (long) batch * hw;  // one channel, every image
            long floats = run > Integer.MAX_VALUE ? Long.MAX_VALUE : (long) s.channels() * PlanePitch.of((int) run);
            if (floats > MAX_ARENA) {
                throw new ProxyException("batch " + batch + " is too large for one pass of this model: layer `" + node.name() + "` alone needs "
                        + (floats >> 18) + " MB; use a smaller batch");
            }
            int pitch = PlanePitch.of((int) run);
            int size = (int) floats;
            int start = firstFit(live, size);
            if ((long) start + size > MAX_ARENA) {
                throw new ProxyException("batch " + batch + " is too large for one pass of this model (more than " + (MAX_ARENA >> 18)
                        + " MB of activations at once); use a smaller batch");
            }
            live.add(new int[] {start, start + size, id});
            top = Math.max(top, start + size);
            planeSize[id] = hw;
            channels[id] = new int[s.channels()];
            for (int c = 0; c < s.channels(); c++) channels[id][c] = Arenas.BASE + start + c * pitch;
            planes[id] = perImage(channels[id], hw);
            if (node.op() instanceof Op.Conv conv) {
                Shape in = graph.node(node.inputs().get(0)).shape();
                convWeights[id] = Planar.convWeights(weight(node, 0), in.channels(), conv.outChannels(), conv.kernel(), conv.stride(),
                        conv.padding(), conv.groups());
            }
        }
        return top;
    }

    private static int firstFit(List<int[]> live, int size) {
        live.sort((x, y) -> Integer.compare(x[0], y[0]));
        int at = 0;
        for (int[] b : live) {
            if (b[0] - at >= size) return at;
            at = Math.max(at, b[1]);
        }
        return at;
    }

    /**
     * Whether {@code node} only renames planes. A flatten of planes larger than one float is not: what
     * reads it takes element i as channel i, whose run across the batch must be its own (a copy).
     */
    private boolean isView(Node node) {
        Op op = node.op();
        if (op instanceof Op.Flatten) {
            Shape in = graph.node(node.inputs().get(0)).shape();
            return in.height() * in.width() == 1;
        }
        return op instanceof Op.Shuffle || op instanceof Op.Slice || op instanceof Op.Concat;
    }

    /** Each image's planes: image b's part of channel c starts b planes into the channel's run. */
    private int[][] perImage(int[] channelStarts, int hw) {
        int[][] out = new int[batch][channelStarts.length];
        for (int b = 0; b < batch; b++) for (int c = 0; c < channelStarts.length; c++) out[b][c] = channelStarts[c] + b * hw;
        return out;
    }

    private void viewPlanes(Node node) {
        int id = node.id();
        int first = node.inputs().get(0);
        int[] in = channels[first];
        planeSize[id] = planeSize[first];
        channels[id] = switch (node.op()) {
            case Op.Shuffle sh -> {
                int per = in.length / sh.groups();
                int[] out = new int[in.length];
                for (int c = 0; c < out.length; c++) out[c] = in[(c % sh.groups()) * per + c / sh.groups()];
                yield out;
            }
            case Op.Slice sl -> Arrays.copyOfRange(in, sl.start(), sl.start() + sl.count());
            case Op.Concat cat -> node.inputs().stream().flatMapToInt(i -> Arrays.stream(channels[i])).toArray();
            case Op.Flatten f -> in;
            default -> throw new IllegalStateException("not a view: " + node.op());
        };
        planes[id] = perImage(channels[id], planeSize[id]);
    }

    /** The node's planes after {@link #run}: {@code [image][channel]}, each {@link #planeSize} floats in {@link #arena}. */
    int[][] planes(int node) { return planes[node]; }

    int planeSize(int node) { return planeSize[node]; }

    float[] arena() { return arena; }

    /** Runs the pass on {@code input}, [batch, C, H, W] in NCHW order. */
    void run(float[] input, Listener listener) {
        for (Node node : graph.nodes()) {
            if (needed[node.id()] && !isView(node)) step(node, input, listener);
        }
    }

    private void step(Node node, float[] input, Listener listener) {
        int id = node.id();
        int[][] out = planes[id];
        int ps = planeSize[id];
        Shape s = node.shape();
        switch (node.op()) {
            case Op.Input i -> {
                for (int b = 0; b < batch; b++) Planar.load(input, b * s.channels() * ps, arena, out[b], ps);
            }
            case Op.Conv c -> {
                int x = node.inputs().get(0);
                Shape in = graph.node(x).shape();
                float[] bias = c.bias() ? weight(node, 1) : null;
                if (Planar.isPointwise(c.kernel(), c.stride(), c.padding())) {
                    int all = batch * ps;
                    Planar.conv(arena, channels[x], 1, all, channels[id], 1, all, convWeights[id], bias, in.channels(), c.outChannels(), 1, 1, 0,
                            c.groups(), c.activation().code());
                    return;
                }
                for (int b = 0; b < batch; b++) {
                    Planar.conv(arena, planes[x][b], in.height(), in.width(), out[b], s.height(), s.width(), convWeights[id], bias,
                            in.channels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups(), c.activation().code());
                }
            }
            case Op.BatchNorm bn -> batchNorm(node, bn, listener);
            case Op.Activate a -> {
                int[][] in = planes[node.inputs().get(0)];
                if (a.activation() == Activation.RELU || a.activation() == Activation.RELU6) listener.beforeRelu(node, arena, in, ps);
                Planar.activation(arena, channels[node.inputs().get(0)], channels[id], batch * ps, a.activation().code());
            }
            case Op.Add add -> {
                Planar.add(arena, channels[node.inputs().get(0)], channels[node.inputs().get(1)], channels[id], batch * ps, add.activation().code());
            }
            case Op.Scale sc -> {
                int[][] x = planes[node.inputs().get(0)], f = planes[node.inputs().get(1)];
                for (int b = 0; b < batch; b++) Planar.scale(arena, x[b], f[b], out[b], ps);
            }
            case Op.MaxPool p -> {
                Shape in = graph.node(node.inputs().get(0)).shape();
                int[][] x = planes[node.inputs().get(0)];
                for (int b = 0; b < batch; b++) {
                    Planar.maxPool(arena, x[b], in.height(), in.width(), out[b], s.height(), s.width(), p.kernel(), p.stride(), p.padding());
                }
            }
            case Op.AvgPool p -> {
                Shape in = graph.node(node.inputs().get(0)).shape();
                int[][] x = planes[node.inputs().get(0)];
                for (int b = 0; b < batch; b++) {
                    Planar.avgPool(arena, x[b], in.height(), in.width(), out[b], s.height(), s.width(), p.kernel(), p.stride(), p.padding(),
                            p.countIncludePad());
                }
            }
            case Op.GlobalAvgPool g -> {
                int x = node.inputs().get(0);
                for (int b = 0; b < batch; b++) Planar.globalAvgPool(arena, planes[x][b], planeSize[x], out[b]);
            }
            case Op.Linear l -> {
                int x = node.inputs().get(0);
                float[] w = weight(node, 0);
                float[] bias = l.bias() ? weight(node, 1) : null;
                for (int b = 0; b < batch; b++) Planar.linear(arena, planes[x][b], planeSize[x], out[b], w, bias, l.activation().code());
            }
            case Op.Softmax sm -> {
                int x = node.inputs().get(0);
                for (int b = 0; b < batch; b++) Planar.softmax(arena, planes[x][b], ps, out[b]);
            }
            case Op.Flatten f -> {
                int x = node.inputs().get(0);
                int hw = planeSize[x];
                for (int b = 0; b < batch; b++) {
                    for (int c = 0; c < planes[x][b].length; c++) {
                        for (int q = 0; q < hw; q++) arena[out[b][c * hw + q]] = arena[planes[x][b][c] + q];
                    }
                }
            }
            case Op.View v -> throw new IllegalStateException("training-mode passes run source graphs, not views");
            default -> throw new IllegalStateException("not computed in training mode: " + node.op());
        }
    }

    /** Batch norm with the batch's statistics: per channel, over every image and position. */
    private void batchNorm(Node node, Op.BatchNorm bn, Listener listener) {
        int[] in = channels[node.inputs().get(0)];
        int[] out = channels[node.id()];
        int all = batch * planeSize[node.id()];
        int count = in.length;
        float[] gamma = weight(node, 0), beta = weight(node, 1);
        double[] mean = new double[count], variance = new double[count];
        float[] scale = new float[count], shift = new float[count];
        double[] sums = new double[count];
        Planar.planeSums(arena, in, all, sums);
        float[] means = new float[count];
        for (int c = 0; c < count; c++) {
            mean[c] = sums[c] / all;
            means[c] = (float) mean[c];
        }
        double[] squares = new double[count];
        Planar.planeSquaredDeviations(arena, in, all, means, squares);
        for (int c = 0; c < count; c++) {
            double biased = squares[c] / all;
            variance[c] = all > 1 ? squares[c] / (all - 1) : 0;
            double k = gamma[c] / Math.sqrt(biased + bn.eps());
            scale[c] = (float) k;
            shift[c] = (float) (beta[c] - mean[c] * k);
        }
        listener.batchStatistics(node, mean, variance);
        Planar.affine(arena, in, out, all, scale, shift, Planar.NONE);
    }

    private float[] weight(Node node, int i) {
        var w = (dev.snet.compiler.ir.Weight.Raw) node.weights().get(i);
        return weights.get(w.key());
    }
}

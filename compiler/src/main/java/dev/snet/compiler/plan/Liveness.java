package dev.snet.compiler.plan;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which nodes compute into a block of their own and which are views or work in place, and
 * how long each block lives. Steps are the nodes' positions in the (topological) graph order.
 * A value's planes are symbolic here — (block, plane within it) — until placement gives offsets.
 */
final class Liveness {
    /** Channel c of a value lies in plane {@code plane} of block {@code block}. */
    record Ref(int block, int plane) {}

    final List<Block> blocks = new ArrayList<>();
    final Ref[][] refs;
    final int[] planeSize;
    /** Floats from one plane to the next in the block a node computes (the target's {@link PlanPolicy#pitch}). */
    final int[] pitch;
    private final PlanPolicy policy;

    Liveness(Graph g, PlanPolicy policy) {
        this.policy = policy;
        int n = g.nodes().size();
        refs = new Ref[n][];
        planeSize = new int[n];
        pitch = new int[n];
        int[] readers = new int[n];
        int[] lastReader = new int[n];
        for (Node node : g.nodes()) {
            for (int i : node.inputs()) {
                readers[i]++;
                lastReader[i] = Math.max(lastReader[i], node.id());
            }
        }
        readers[g.output()]++;
        lastReader[g.output()] = n;
        boolean[] readByOtherThanFc = new boolean[n];
        for (Node node : g.nodes()) {
            if (node.op() instanceof Op.Linear) continue;
            for (int i : node.inputs()) readByOtherThanFc[i] = true;
        }
        for (Node node : g.nodes()) {
            int s = node.id();
            planeSize[s] = node.shape().rank() == 3 ? node.shape().height() * node.shape().width() : 1;
            pitch[s] = policy.pitch(planeSize[s]);
            if (node.op() instanceof Op.View v) {
                refs[s] = new Ref[v.channels().size()];
                for (int c = 0; c < refs[s].length; c++) {
                    Op.Source src = v.channels().get(c);
                    refs[s][c] = refs[node.inputs().get(src.input())][src.channel()];
                }
            } else if (node.op() instanceof Op.Flatten && (planeSize[node.inputs().get(0)] == 1 || !readByOtherThanFc[s])) {
                // Read in place as planes: an fc (or the output) takes the input's planes in order. Anything else reads
                // element i as channel i, so a flatten of planes larger than one float gets a block of its own (a copy).
                refs[s] = refs[node.inputs().get(0)];
                planeSize[s] = planeSize[node.inputs().get(0)];
            } else if (inPlace(g, node, readers, lastReader)) {
                refs[s] = refs[node.inputs().get(0)];
            } else if (overResidual(g, node, lastReader)) {
                refs[s] = refs[node.inputs().get(1)];
            } else {
                int b = blocks.size();
                int channels = node.shape().channels();
                blocks.add(new Block(b, s, node.name(), channels * pitch[s], s, s));
                refs[s] = new Ref[channels];
                for (int c = 0; c < channels; c++) refs[s][c] = new Ref(b, c);
            }
        }
        // A block lives until the last step that reads any plane of it, through any view.
        int[] last = new int[blocks.size()];
        for (Block b : blocks) last[b.id()] = b.first();
        for (Node node : g.nodes()) {
            for (int i : node.inputs()) for (Ref r : refs[i]) last[r.block()] = Math.max(last[r.block()], node.id());
        }
        for (Ref r : refs[g.output()]) last[r.block()] = n;
        for (int b = 0; b < blocks.size(); b++) blocks.set(b, blocks.get(b).withLast(last[b]));
    }

    /**
     * An element-wise op may overwrite its first input when that value is a whole block of its own,
     * this op is its only reader, and no other value on those planes is read later.
     */
    /**
     * A convolution with a fused residual add may write its output over the residual's planes when
     * the target's kernel allows it (PlanPolicy.convMayOverwriteResidual), this is the residual's last reader, and no
     * other value on those planes, the convolution's own input included, is read from here on. A
     * residual unit's output then takes its input's place: ShuffleNet v1 at batch 1 ran 0.97x the
     * time, its residual 1x1 layers no longer fetching output lines from L3 before writing them.
     */
    private boolean overResidual(Graph g, Node node, int[] lastReader) {
        if (!(node.op() instanceof Op.Conv c) || !c.residual()) return false;
        int s = node.id(), x = node.inputs().get(0), res = node.inputs().get(1);
        if (!policy.convMayOverwriteResidual(c, planeSize[s])) return false;
        if (res == g.input() || lastReader[res] != s || planeSize[res] != planeSize[s]) return false;
        Set<Ref> planes = new HashSet<>(Arrays.asList(refs[res]));
        if (planes.size() != refs[res].length) return false;  // a view naming one plane twice
        for (Ref r : refs[x]) if (planes.contains(r)) return false;
        for (int other = 0; other < s; other++) {
            if (other == res || refs[other] == null || lastReader[other] <= s) continue;
            for (Ref r : refs[other]) if (planes.contains(r)) return false;
        }
        return true;
    }

    private boolean inPlace(Graph g, Node node, int[] readers, int[] lastReader) {
        if (!Ops.of(node.op()).mayRunInPlace(node.op())) return false;
        int in = node.inputs().get(0);
        if (readers[in] != 1 || in == g.input() || g.node(in).op() instanceof Op.View || g.node(in).op() instanceof Op.Flatten) return false;
        if (node.inputs().size() > 1 && node.inputs().get(1) == in) return false;
        int block = refs[in][0].block();
        if (!Arrays.stream(refs[in]).allMatch(r -> r.block() == block) || refs[in].length * pitch[in] != blocks.get(block).size()) return false;
        for (int other = 0; other < node.id(); other++) {
            if (other == in || refs[other] == null || lastReader[other] <= node.id()) continue;
            for (Ref r : refs[other]) if (r.block() == block) return false;
        }
        return true;
    }
}

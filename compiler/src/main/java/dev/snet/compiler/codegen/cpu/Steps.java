package dev.snet.compiler.codegen.cpu;

import com.palantir.javapoet.ClassName;
import dev.snet.compiler.codegen.Binding;
import dev.snet.compiler.codegen.Flattening;
import dev.snet.compiler.codegen.Identifiers;
import dev.snet.compiler.codegen.WeightFields;
import com.palantir.javapoet.CodeBlock;
import dev.snet.compiler.analysis.OpText;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.plan.Layout;
import dev.snet.compiler.plan.MemoryPlan;
import dev.snet.runtime.kernels.Planar;

/**
 * Emits the statement that computes one node: a call into the runtime's planar kernels with every
 * shape, offset table and weight fixed, under a comment naming the layer and its .snet line.
 */
final class Steps {
    static final ClassName PLANAR = ClassName.get("dev.snet.runtime.kernels", "Planar");

    static final ClassName TASK = ClassName.get("dev.snet.runtime", "WorkerPool", "Task");

    /**
     * Steps with less work than this (multiply-adds, or input reads for pooling and adds) run on
     * the calling thread: handing work to the pool and waiting costs a few microseconds.
     */
    static final long SPLIT_WORK = 100_000;

    private final Graph graph;
    private final MemoryPlan plan;
    private final Layouts layouts;
    private final WeightFields weights;
    private final Identifiers ids;
    private final Binding binding;

    Steps(Graph graph, MemoryPlan plan, Layouts layouts, WeightFields weights, Identifiers ids, Binding binding) {
        this.graph = graph;
        this.plan = plan;
        this.layouts = layouts;
        this.weights = weights;
        this.ids = ids;
        this.binding = binding;
    }

    /**
     * A large step becomes a task over its output channels (or a fully connected layer's outputs),
     * created once in the constructor, that the worker pool splits between threads; the step just
     * runs it. {@code kernelCall} reads the share from {@code from} and {@code to}. Every kind of
     * step is split, so that no thread waits through a long single-threaded one; see
     * {@code Planar.conv} for why by channels and not by rows (dense convolutions such as the stem
     * are the exception: {@code Planar.convRows}).
     */
    private CodeBlock split(Node n, int count, CodeBlock kernelCall) {
        String task = ids.unique("split_", n.name());
        binding.set(TASK, task, CodeBlock.of("(worker, from, to) -> $L", kernelCall));
        return CodeBlock.of("pool.run($L, $N)", count, task);
    }


    /**
     * A convolution's task over the pool's shares of its output channels, cut where the kernel's
     * blocks of channels begin ({@code Planar.channelShares}, computed once for the pool): the
     * pool runs one share per thread. {@code kernelCall} makes the call for a share, given as the
     * code of its two bounds.
     */
    private CodeBlock splitConv(Node n, Op.Conv c, java.util.function.Function<CodeBlock, CodeBlock> kernelCall) {
        String cuts = ids.unique("cuts_", n.name());
        binding.set(int[].class, cuts, CodeBlock.of("$T.channelShares($L, $L, $L, $L, $L, $L, pool.threads())", PLANAR, c.outChannels(), c.groups(),
                c.kernel(), c.stride(), c.padding(), plane(n)));
        String task = ids.unique("split_", n.name());
        binding.set(TASK, task, CodeBlock.of("(worker, from, to) -> $L", kernelCall.apply(CodeBlock.of("$N[from], $N[to]", cuts, cuts))));
        return CodeBlock.of("pool.run(pool.threads(), $N)", task);
    }

    /** The code for {@code n}, or null for nodes that compute nothing (views, flatten, the input). */
    CodeBlock step(Node n) {
        CodeBlock call = call(n);
        if (call == null) return null;
        String where = n.span() == null ? "" : "  (" + n.span().file().path().replaceAll(".*/", "") + ":" + n.span().line() + ")";
        return CodeBlock.builder()
                .add("// $L: $L -> $L$L\n", n.name(), OpText.describe(n.op()), n.shape(), where)
                .addStatement("$L", call)
                .build();
    }

    /** A 1x1 convolution on planes of at most {@code Planar.SMALL_PLANE} positions (4x4): see {@code Planar.pointwiseSmall}; its weights packed once. */
    private CodeBlock pointwiseSmall(Node n, Op.Conv c, String x, String out) {
        int inC = graph.node(n.inputs().get(0)).shape().channels();
        CodeBlock bias = c.bias() ? WeightFields.expression(n.weights().get(1)) : CodeBlock.of("null");
        String packed = weights.field("w_", n.name(), CodeBlock.of("$T.channelsLast($L, $L, $L, $L, $L)", PLANAR,
                WeightFields.expression(n.weights().get(0)), bias, inC, c.outChannels(), c.groups()));
        String residual = c.residual() ? at(graph.node(n.inputs().get(1))) : "null";
        CodeBlock args = CodeBlock.of("arena, $N, $N, $L, $N, $L, $L, $L, $L, $L", x, out, plane(n), packed, inC, c.outChannels(), c.groups(),
                act(c.activation()), residual);
        long macs = (long) n.shape().elements() * (inC / c.groups());
        if (macs >= SPLIT_WORK) return split(n, c.outChannels(), CodeBlock.of("$T.pointwiseSmall($L, from, to)", PLANAR, args));
        return CodeBlock.of("$T.pointwiseSmall($L, 0, $L)", PLANAR, args, c.outChannels());
    }

    /**
     * A 1x1 convolution of a [C, 1, 1] tensor (squeeze-and-excitation's) is a fully connected
     * layer, and its weight [outC, inC, 1, 1] is one's [outC, inC]: the matrix-vector kernel, which
     * streams the weights, is 3x faster here than the small-plane kernel, built for 16 positions.
     */
    private CodeBlock onePosition(Node n, Op.Conv c, Shape in, String x, String out) {
        CodeBlock args = CodeBlock.of("arena, $N, 1, $N, $N, $L, $L", x, out, weights.field("w_", n.name(), n.weights().get(0)),
                c.bias() ? weights.field("b_", n.name(), n.weights().get(1)) : "null", act(c.activation()));
        long macs = (long) in.channels() * c.outChannels();
        return macs >= SPLIT_WORK ? split(n, c.outChannels(), CodeBlock.of("$T.linear($L, from, to)", PLANAR, args))
                : CodeBlock.of("$T.linear($L)", PLANAR, args);
    }

    private CodeBlock call(Node n) {
        if (n.op() instanceof Op.Input || n.op() instanceof Op.View || (n.op() instanceof Op.Flatten && !Flattening.copies(plan, n))) return null;
        Node first = graph.node(n.inputs().get(0));
        Shape in = first.shape();
        String x = at(first);
        String out = at(n);
        return switch (n.op()) {
            case Op.Conv c -> {
                if (Planar.isPointwise(c.kernel(), c.stride(), c.padding()) && plane(n) == 1 && c.groups() == 1 && !c.residual()) {
                    yield onePosition(n, c, in, x, out);
                }
                if (Planar.isPointwise(c.kernel(), c.stride(), c.padding()) && plane(n) <= Planar.SMALL_PLANE) yield pointwiseSmall(n, c, x, out);
                // In the layout the kernels read (blocked for the vector 1x1 and dense 3x3 kernels), arranged once at binding.
                String w = weights.field("w_", n.name(), CodeBlock.of("$T.convWeights($L, $L, $L, $L, $L, $L, $L)", PLANAR,
                        WeightFields.expression(n.weights().get(0)), in.channels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups()));
                String b = c.bias() ? weights.field("b_", n.name(), n.weights().get(1)) : "null";
                long macs = (long) n.shape().elements() * (in.channels() / c.groups()) * c.kernel() * c.kernel();
                CodeBlock args = CodeBlock.of("arena, $N, $L, $L, $N, $L, $L, $N, $L, $L, $L, $L, $L, $L, $L, $L",
                        x, in.height(), in.width(), out, n.shape().height(), n.shape().width(), w, b,
                        in.channels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), c.groups(), act(c.activation()));
                if (c.residual()) {
                    // The fused residual add (FuseResidual): the residual's planes, then the activation applied after the add.
                    CodeBlock residual = CodeBlock.of("$L, $N", args, at(graph.node(n.inputs().get(1))));
                    if (macs >= SPLIT_WORK) yield splitConv(n, c, share -> CodeBlock.of("$T.convAdd($L, $L)", PLANAR, residual, share));
                    yield CodeBlock.of("$T.convAdd($L, 0, $L)", PLANAR, residual, c.outChannels());
                }
                boolean dense = c.groups() == 1 && c.kernel() > 1;
                if (dense && macs >= SPLIT_WORK && n.shape().height() > 1) {
                    yield split(n, n.shape().height(), CodeBlock.of("$T.convRows($L, from, to)", PLANAR, args));
                }
                if (macs >= SPLIT_WORK) yield splitConv(n, c, share -> CodeBlock.of("$T.conv($L, $L)", PLANAR, args, share));
                yield CodeBlock.of("$T.conv($L)", PLANAR, args);
            }
            case Op.Linear l -> {
                CodeBlock args = CodeBlock.of("arena, $N, $L, $N, $N, $L, $L", x, plan.layout(first.id()).planeSize(), out,
                        weights.field("w_", n.name(), n.weights().get(0)),
                        l.bias() ? weights.field("b_", n.name(), n.weights().get(1)) : "null", act(l.activation()));
                long macs = (long) in.elements() * l.outFeatures();
                yield macs >= SPLIT_WORK ? split(n, l.outFeatures(), CodeBlock.of("$T.linear($L, from, to)", PLANAR, args))
                        : CodeBlock.of("$T.linear($L)", PLANAR, args);
            }
            case Op.BatchNorm bn -> {
                Weight.Raw gamma = (Weight.Raw) n.weights().get(0);
                Weight.Raw beta = (Weight.Raw) n.weights().get(1);
                Weight.Raw mean = (Weight.Raw) n.weights().get(2);
                Weight.Raw var = (Weight.Raw) n.weights().get(3);
                yield CodeBlock.of("$T.affine(arena, $N, $N, $L, $N, $N, $L)", PLANAR, x, out, plane(n),
                        weights.field("scale_", n.name(), WeightFields.scale(gamma, var, bn.eps())),
                        weights.field("shift_", n.name(), WeightFields.shift(gamma, beta, mean, var, bn.eps())), act(Activation.NONE));
            }
            case Op.Activate a -> splitChannels(n, n.shape().elements(), "activation", CodeBlock.of("arena, $N, $N, $L, $L", x, out, plane(n),
                    act(a.activation())));
            case Op.Scale sc -> splitChannels(n, n.shape().elements(), "scale",
                    CodeBlock.of("arena, $N, $N, $N, $L", x, at(graph.node(n.inputs().get(1))), out, plane(n)));
            case Op.Add a -> {
                CodeBlock args = CodeBlock.of("arena, $N, $N, $N, $L, $L", x, at(graph.node(n.inputs().get(1))), out, plane(n), act(a.activation()));
                yield splitChannels(n, 2L * n.shape().elements(), "add", args);
            }
            case Op.MaxPool p -> {
                CodeBlock args = CodeBlock.of("arena, $N, $L, $L, $N, $L, $L, $L, $L, $L", x, in.height(), in.width(), out,
                        n.shape().height(), n.shape().width(), p.kernel(), p.stride(), p.padding());
                yield splitChannels(n, (long) n.shape().elements() * p.kernel() * p.kernel(), "maxPool", args);
            }
            case Op.AvgPool p -> {
                CodeBlock args = CodeBlock.of("arena, $N, $L, $L, $N, $L, $L, $L, $L, $L, $L", x, in.height(), in.width(), out,
                        n.shape().height(), n.shape().width(), p.kernel(), p.stride(), p.padding(), p.countIncludePad());
                yield splitChannels(n, (long) n.shape().elements() * p.kernel() * p.kernel(), "avgPool", args);
            }
            case Op.GlobalAvgPool g -> CodeBlock.of("$T.globalAvgPool(arena, $N, $L, $N)", PLANAR, x, in.height() * in.width(), out);
            case Op.Softmax s -> CodeBlock.of("$T.softmax(arena, $N, $L, $N)", PLANAR, x, plane(first), out);
            // Without optimisation (-O0) data movement is real: a copy from the input planes in the op's order.
            case Op.Shuffle s -> {
                int[] from = plan.layout(first.id()).planes();
                int per = from.length / s.groups();
                int[] permuted = new int[from.length];
                for (int o = 0; o < from.length; o++) permuted[o] = from[(o % s.groups()) * per + o / s.groups()];
                yield copy(n.name() + "_from", permuted, out, plane(n));
            }
            case Op.Slice s -> copy(n.name() + "_from", java.util.Arrays.copyOfRange(plan.layout(first.id()).planes(), s.start(), s.start() + s.count()),
                    out, plane(n));
            case Op.Concat c -> {
                CodeBlock.Builder b = CodeBlock.builder();
                int[] to = plan.layout(n.id()).planes();
                int at = 0;
                for (int i = 0; i < n.inputs().size(); i++) {
                    Node part = graph.node(n.inputs().get(i));
                    int count = part.shape().channels();
                    String target = layouts.of(n.name() + "_part" + i, new Layout(plane(n), java.util.Arrays.copyOfRange(to, at, at + count)));
                    if (i > 0) b.add(";\n");
                    b.add("$T.copy(arena, $N, $N, $L)", PLANAR, at(part), target, plane(n));
                    at += count;
                }
                yield b.build();
            }
            case Op.Input i -> throw new IllegalStateException("the input computes nothing");
            case Op.View v -> throw new IllegalStateException("a view computes nothing");
            case Op.Flatten f -> copy(n.name() + "_from", plan.layout(first.id()).planes(), layouts.of(n.name() + "_to", Flattening.target(plan, n)),
                    plan.layout(first.id()).planeSize());
        };
    }

    /** {@code Planar.kernel(args)}, or the same over a share of the output channels when there is enough work. */
    private CodeBlock splitChannels(Node n, long work, String kernel, CodeBlock args) {
        return work >= SPLIT_WORK ? split(n, n.shape().channels(), CodeBlock.of("$T.$L($L, from, to)", PLANAR, kernel, args))
                : CodeBlock.of("$T.$L($L)", PLANAR, kernel, args);
    }

    private CodeBlock copy(String hint, int[] from, String out, int planeSize) {
        return CodeBlock.of("$T.copy(arena, $N, $N, $L)", PLANAR, layouts.of(hint, new Layout(planeSize, from)), out, planeSize);
    }

    String at(Node n) { return layouts.of(n, plan.layout(n.id())); }

    private int plane(Node n) { return plan.layout(n.id()).planeSize(); }

    private static CodeBlock act(Activation a) {
        return CodeBlock.of("$T.$L", PLANAR, a.name());
    }
}

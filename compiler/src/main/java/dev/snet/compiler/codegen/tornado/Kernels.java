package dev.snet.compiler.codegen.tornado;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.snet.compiler.codegen.Flattening;
import dev.snet.compiler.codegen.WeightFields;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.ir.Shape;
import dev.snet.compiler.ir.Weight;
import dev.snet.compiler.plan.Layout;
import dev.snet.compiler.plan.MemoryPlan;
import javax.lang.model.element.Modifier;

/**
 * One TornadoVM kernel per step, specialised to its layer: every shape, stride and offset is a
 * literal, so TornadoVM's compiler folds the index arithmetic. One work-item computes one output
 * element of one sample ({@link #TILE} channels of one position for 1x1 convolutions), so the whole
 * batch is one launch; a kernel reads the arena {@code a}, the
 * packed weights {@code w} and, for views, the plane table {@code p}. All kernels share one
 * signature, so the model registers every step the same way.
 */
final class Kernels {
    static final ClassName CONTEXT = ClassName.get("uk.ac.manchester.tornado.api", "KernelContext");
    static final ClassName FLOATS = ClassName.get("uk.ac.manchester.tornado.api.types.arrays", "FloatArray");
    static final ClassName INTS = ClassName.get("uk.ac.manchester.tornado.api.types.arrays", "IntArray");
    static final ClassName MATH = ClassName.get("uk.ac.manchester.tornado.api.math", "TornadoMath");

    /** A kernel method and the work-items it needs per sample. */
    record Kernel(MethodSpec method, long work) {}

    private final Graph graph;
    private final MemoryPlan plan;
    private final PlaneTable planes;
    private final WeightPacking weights;
    private final int arenaFloats;

    Kernels(Graph graph, MemoryPlan plan, PlaneTable planes, WeightPacking weights) {
        this.graph = graph;
        this.plan = plan;
        this.planes = planes;
        this.weights = weights;
        this.arenaFloats = plan.arenaFloats();
    }

    /** Copies a sample from the packed input into the input's planes. */
    Kernel load(String name) {
        Layout l = plan.layout(graph.input());
        CodeBlock body = CodeBlock.builder()
                .addStatement("int c = r / $L", l.planeSize())
                .addStatement("a.set(base + $L + r - c * $L, in.get(i))", planes.channel(l, "c"), l.planeSize())
                .build();
        return kernel(name, "The input: from the packed batch into its planes.", graph.inputShape().elements(), body);
    }

    /** Copies a sample's output planes into the packed output. */
    Kernel store(String name) {
        Layout l = plan.layout(graph.output());
        CodeBlock body = CodeBlock.builder()
                .addStatement("int c = r / $L", l.planeSize())
                .addStatement("out.set(i, a.get(base + $L + r - c * $L))", planes.channel(l, "c"), l.planeSize())
                .build();
        return kernel(name, "The output: from its planes into the packed batch.", graph.outputShape().elements(), body);
    }

    /** The kernel for {@code n}, or null for nodes that compute nothing (views, flatten, the input). */
    Kernel of(String name, Node n, String comment) {
        if (n.op() instanceof Op.Input || n.op() instanceof Op.View || (n.op() instanceof Op.Flatten && !Flattening.copies(plan, n))) return null;
        Node first = graph.node(n.inputs().get(0));
        Shape in = first.shape();
        Layout x = plan.layout(first.id());
        Layout y = plan.layout(n.id());
        int plane = y.planeSize();
        long elements = n.shape().elements();
        CodeBlock.Builder b = CodeBlock.builder();
        return switch (n.op()) {
            case Op.Conv c -> tiled(c, in) ? kernel(name, comment, elements / TILE, pointwiseTiled(n, c, in, x, y))
                    : kernel(name, comment, elements, conv(n, c, in, x, y));
            case Op.Linear l -> {
                long features = in.elements();
                b.addStatement("float v = $L", l.bias() ? "w.get(" + weights.offset(n.weights().get(1)) + " + r)" : "0f");
                b.addStatement("int wr = $L + r * $L", weights.offset(n.weights().get(0)), features);
                b.beginControlFlow("for (int c = 0; c < $L; c++)", x.channels());
                b.addStatement("int xc = base + $L", planes.channel(x, "c"));
                if (x.planeSize() == 1) {
                    b.addStatement("v += a.get(xc) * w.get(wr + c)");
                } else {
                    b.beginControlFlow("for (int q = 0; q < $L; q++)", x.planeSize())
                            .addStatement("v += a.get(xc + q) * w.get(wr + c * $L + q)", x.planeSize()).endControlFlow();
                }
                b.endControlFlow();
                activate(b, l.activation());
                b.addStatement("a.set(base + $L, v)", planes.channel(y, "r"));
                yield kernel(name, comment, l.outFeatures(), b.build());
            }
            case Op.BatchNorm bn -> {
                channelAndPosition(b, plane);
                Weight.Raw gamma = (Weight.Raw) n.weights().get(0), beta = (Weight.Raw) n.weights().get(1);
                Weight.Raw mean = (Weight.Raw) n.weights().get(2), var = (Weight.Raw) n.weights().get(3);
                int scale = weights.offset(n.name() + " scale", WeightFields.scale(gamma, var, bn.eps()), n.shape().channels());
                int shift = weights.offset(n.name() + " shift", WeightFields.shift(gamma, beta, mean, var, bn.eps()), n.shape().channels());
                b.addStatement("a.set(base + $L + q, a.get(base + $L + q) * w.get($L + c) + w.get($L + c))", planes.channel(y, "c"),
                        planes.channel(x, "c"), scale, shift);
                yield kernel(name, comment, elements, b.build());
            }
            case Op.Activate act -> {
                channelAndPosition(b, plane);
                b.addStatement("float v = a.get(base + $L + q)", planes.channel(x, "c"));
                activate(b, act.activation());
                b.addStatement("a.set(base + $L + q, v)", planes.channel(y, "c"));
                yield kernel(name, comment, elements, b.build());
            }
            case Op.Scale sc -> {
                channelAndPosition(b, plane);
                Layout s = plan.layout(n.inputs().get(1));
                b.addStatement("a.set(base + $L + q, a.get(base + $L + q) * a.get(base + $L))", planes.channel(y, "c"), planes.channel(x, "c"),
                        planes.channel(s, "c"));
                yield kernel(name, comment, elements, b.build());
            }
            case Op.Add add -> {
                channelAndPosition(b, plane);
                Layout other = plan.layout(n.inputs().get(1));
                b.addStatement("float v = a.get(base + $L + q) + a.get(base + $L + q)", planes.channel(x, "c"), planes.channel(other, "c"));
                activate(b, add.activation());
                b.addStatement("a.set(base + $L + q, v)", planes.channel(y, "c"));
                yield kernel(name, comment, elements, b.build());
            }
            case Op.MaxPool p -> kernel(name, comment, elements, pool(n, in, x, y, p.kernel(), p.stride(), p.padding(), true, false));
            case Op.AvgPool p -> kernel(name, comment, elements, pool(n, in, x, y, p.kernel(), p.stride(), p.padding(), false, p.countIncludePad()));
            case Op.GlobalAvgPool g -> {
                b.addStatement("int xc = base + $L", planes.channel(x, "r"));
                b.addStatement("float sum = 0f");
                b.beginControlFlow("for (int q = 0; q < $L; q++)", x.planeSize()).addStatement("sum += a.get(xc + q)").endControlFlow();
                b.addStatement("a.set(base + $L, sum / $Lf)", planes.channel(y, "r"), x.planeSize());
                yield kernel(name, comment, in.channels(), b.build());
            }
            case Op.Softmax s -> {
                int channels = x.channels();
                b.addStatement("float max = $T.NEGATIVE_INFINITY", Float.class);
                b.beginControlFlow("for (int c = 0; c < $L; c++)", channels)
                        .addStatement("max = $T.max(max, a.get(base + $L + r))", MATH, planes.channel(x, "c")).endControlFlow();
                b.addStatement("float sum = 0f");
                b.beginControlFlow("for (int c = 0; c < $L; c++)", channels)
                        .addStatement("sum += $T.exp(a.get(base + $L + r) - max)", MATH, planes.channel(x, "c")).endControlFlow();
                b.beginControlFlow("for (int c = 0; c < $L; c++)", channels)
                        .addStatement("a.set(base + $L + r, $T.exp(a.get(base + $L + r) - max) / sum)", planes.channel(y, "c"), MATH, planes.channel(x, "c"))
                        .endControlFlow();
                yield kernel(name, comment, x.planeSize(), b.build());
            }
            // Without optimisation (-O0) data movement is real: a copy from the input planes in the op's order.
            case Op.Shuffle s -> {
                int[] from = x.planes();
                int per = from.length / s.groups();
                int[] permuted = new int[from.length];
                for (int o = 0; o < from.length; o++) permuted[o] = from[(o % s.groups()) * per + o / s.groups()];
                yield kernel(name, comment, elements, copy(new Layout(plane, permuted), y, plane));
            }
            case Op.Slice s -> kernel(name, comment, elements,
                    copy(new Layout(plane, java.util.Arrays.copyOfRange(x.planes(), s.start(), s.start() + s.count())), y, plane));
            case Op.Concat cat -> {
                int[] from = new int[y.channels()];
                int at = 0;
                for (int input : n.inputs()) {
                    int[] part = plan.layout(input).planes();
                    System.arraycopy(part, 0, from, at, part.length);
                    at += part.length;
                }
                yield kernel(name, comment, elements, copy(new Layout(plane, from), y, plane));
            }
            case Op.Input i -> throw new IllegalStateException("the input computes nothing");
            case Op.View v -> throw new IllegalStateException("a view computes nothing");
            case Op.Flatten f -> kernel(name, comment, elements, copy(x, Flattening.target(plan, n), x.planeSize()));
        };
    }

    /**
     * Output channels per work-item of a 1x1 convolution: each input element it loads feeds that
     * many accumulators, which divides the input reads (the kernel's traffic) by as much.
     */
    static final int TILE = 4;

    private static boolean tiled(Op.Conv c, Shape in) {
        return c.kernel() == 1 && c.stride() == 1 && c.padding() == 0 && (c.outChannels() / c.groups()) % TILE == 0;
    }

    /** A 1x1 convolution, {@link #TILE} output channels (of one group) at one position per work-item. */
    private CodeBlock pointwiseTiled(Node n, Op.Conv c, Shape in, Layout x, Layout y) {
        int inPerGroup = in.channels() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        int plane = y.planeSize();
        String bias = c.bias() ? "w.get(" + weights.offset(n.weights().get(1)) + " + c + " : null;
        Layout residual = c.residual() ? plan.layout(n.inputs().get(1)) : null;
        CodeBlock.Builder b = CodeBlock.builder();
        b.addStatement("int c = r / $L * $L", plane, TILE);
        b.addStatement("int q = r % $L", plane);
        b.addStatement("int first = $L", c.groups() == 1 ? "0" : "c / " + outPerGroup + " * " + inPerGroup);
        b.addStatement("int wc = $L + c * $L", weights.offset(n.weights().get(0)), inPerGroup);
        for (int t = 0; t < TILE; t++) b.addStatement("float v$L = $L", t, bias == null ? "0f" : bias + t + ")");
        b.beginControlFlow("for (int i2 = 0; i2 < $L; i2++)", inPerGroup);
        b.addStatement("float xv = a.get(base + $L + q)", planes.channel(x, "first + i2"));
        for (int t = 0; t < TILE; t++) b.addStatement("v$L += xv * w.get(wc + $L + i2)", t, t * inPerGroup);
        b.endControlFlow();
        for (int t = 0; t < TILE; t++) {
            String channel = t == 0 ? "c" : "c + " + t;
            if (residual != null) b.addStatement("v$L += a.get(base + $L + q)", t, planes.channel(residual, channel));
            activate(b, c.activation(), "v" + t);
            b.addStatement("a.set(base + $L + q, v$L)", planes.channel(y, channel), t);
        }
        return b.build();
    }

    private CodeBlock conv(Node n, Op.Conv c, Shape in, Layout x, Layout y) {
        int inPerGroup = in.channels() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        int k = c.kernel();
        int ow = n.shape().width();
        CodeBlock.Builder b = CodeBlock.builder();
        channelAndPosition(b, y.planeSize());
        b.addStatement("float v = $L", c.bias() ? "w.get(" + weights.offset(n.weights().get(1)) + " + c)" : "0f");
        b.addStatement("int first = $L", c.groups() == 1 ? "0" : outPerGroup == 1 ? "c * " + inPerGroup : "c / " + outPerGroup + " * " + inPerGroup);
        b.addStatement("int wc = $L + c * $L", weights.offset(n.weights().get(0)), inPerGroup * k * k);
        boolean pointwise = k == 1 && c.stride() == 1 && c.padding() == 0;
        if (!pointwise) {
            b.addStatement("int y0 = q / $L * $L - $L", ow, c.stride(), c.padding());
            b.addStatement("int x0 = q % $L * $L - $L", ow, c.stride(), c.padding());
        }
        b.beginControlFlow("for (int i2 = 0; i2 < $L; i2++)", inPerGroup);
        b.addStatement("int xc = base + $L", planes.channel(x, "first + i2"));
        if (pointwise) {
            b.addStatement("v += a.get(xc + q) * w.get(wc + i2)");
        } else {
            b.addStatement("int wk = wc + i2 * $L", k * k);
            b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", k)
                    .addStatement("int iy = y0 + ky")
                    .beginControlFlow("if (iy >= 0 && iy < $L)", in.height())
                    .beginControlFlow("for (int kx = 0; kx < $L; kx++)", k)
                    .addStatement("int ix = x0 + kx")
                    .beginControlFlow("if (ix >= 0 && ix < $L)", in.width())
                    .addStatement("v += a.get(xc + iy * $L + ix) * w.get(wk + ky * $L + kx)", in.width(), k)
                    .endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        }
        b.endControlFlow();
        if (c.residual()) b.addStatement("v += a.get(base + $L + q)", planes.channel(plan.layout(n.inputs().get(1)), "c"));
        activate(b, c.activation());
        b.addStatement("a.set(base + $L + q, v)", planes.channel(y, "c"));
        return b.build();
    }

    /** Max or average pooling with PyTorch's divisor (see {@code Reference.avgPoolPlane}). */
    private CodeBlock pool(Node n, Shape in, Layout x, Layout y, int k, int stride, int pad, boolean max, boolean countIncludePad) {
        int ow = n.shape().width();
        CodeBlock.Builder b = CodeBlock.builder();
        channelAndPosition(b, y.planeSize());
        b.addStatement("int xc = base + $L", planes.channel(x, "c"));
        b.addStatement("int y0 = q / $L * $L - $L", ow, stride, pad);
        b.addStatement("int x0 = q % $L * $L - $L", ow, stride, pad);
        b.addStatement("float v = $L", max ? "Float.NEGATIVE_INFINITY" : "0f");
        boolean counted = !max && !countIncludePad;  // the divisor counts the elements inside the input
        if (counted) b.addStatement("int count = 0");
        b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", k)
                .addStatement("int iy = y0 + ky")
                .beginControlFlow("if (iy >= 0 && iy < $L)", in.height())
                .beginControlFlow("for (int kx = 0; kx < $L; kx++)", k)
                .addStatement("int ix = x0 + kx")
                .beginControlFlow("if (ix >= 0 && ix < $L)", in.width())
                .add(max ? CodeBlock.of("v = $T.max(v, a.get(xc + iy * $L + ix));\n", MATH, in.width())
                        : CodeBlock.of("v += a.get(xc + iy * $L + ix);\n$L", in.width(), counted ? "count++;\n" : ""))
                .endControlFlow().endControlFlow().endControlFlow().endControlFlow();
        if (!max && countIncludePad) {
            b.addStatement("int rows = $T.min(y0 + $L, $L) - y0", Math.class, k, in.height() + pad);
            b.addStatement("int cols = $T.min(x0 + $L, $L) - x0", Math.class, k, in.width() + pad);
            b.addStatement("v = v / (rows * cols)");
        } else if (!max) {
            b.addStatement("v = v / count");
        }
        b.addStatement("a.set(base + $L + q, v)", planes.channel(y, "c"));
        return b.build();
    }

    private CodeBlock copy(Layout from, Layout to, int plane) {
        CodeBlock.Builder b = CodeBlock.builder();
        channelAndPosition(b, plane);
        b.addStatement("a.set(base + $L + q, a.get(base + $L + q))", planes.channel(to, "c"), planes.channel(from, "c"));
        return b.build();
    }

    /** {@code c} and {@code q}: the channel and the position in its plane of element {@code r}. */
    private static void channelAndPosition(CodeBlock.Builder b, int plane) {
        b.addStatement("int c = r / $L", plane);
        b.addStatement("int q = r - c * $L", plane);
    }

    private static void activate(CodeBlock.Builder b, Activation a) { activate(b, a, "v"); }

    /** The activation applied to the float variable {@code v}. */
    private static void activate(CodeBlock.Builder b, Activation a, String v) {
        switch (a) {
            case NONE -> { }
            case RELU -> b.addStatement("$L = $T.max($L, 0f)", v, MATH, v);
            case RELU6 -> b.addStatement("$L = $T.min($T.max($L, 0f), 6f)", v, MATH, MATH, v);
            case HSIGMOID -> b.addStatement("$L = $T.min($T.max($L + 3f, 0f), 6f) / 6f", v, MATH, MATH, v);
            case HSWISH -> b.addStatement("$L = $L * $T.min($T.max($L + 3f, 0f), 6f) / 6f", v, v, MATH, MATH, v);
            case SIGMOID -> b.addStatement("$L = 1f / (1f + $T.exp(-$L))", v, MATH, v);
            case SILU -> b.addStatement("$L = $L / (1f + $T.exp(-$L))", v, v, MATH, v);
        }
    }

    /**
     * The method: work-item {@code i} of the launch is element {@code r} of sample {@code i / work},
     * whose arena starts at {@code base}.
     */
    private Kernel kernel(String name, String comment, long work, CodeBlock body) {
        MethodSpec m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("$L\n", comment)
                .addParameter(CONTEXT, "ctx").addParameter(FLOATS, "in").addParameter(FLOATS, "a").addParameter(FLOATS, "w")
                .addParameter(INTS, "p").addParameter(FLOATS, "out")
                .addStatement("int i = ctx.globalIdx")
                .addStatement("int s = i / $L", work)
                .addStatement("int r = i - s * $L", work)
                .addStatement("int base = s * $L", arenaFloats)
                .addCode(body)
                .build();
        return new Kernel(m, work);
    }
}

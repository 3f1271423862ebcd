package dev.snet.compiler.codegen.tornado;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.snet.compiler.analysis.OpText;
import dev.snet.compiler.codegen.Compilation;
import dev.snet.compiler.codegen.Identifiers;
import dev.snet.compiler.codegen.ModelClass;
import dev.snet.compiler.codegen.Target;
import dev.snet.compiler.codegen.Toolchain;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.plan.PlanPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The TornadoVM target: a subclass of the tornado module's {@code TornadoModel} holding one kernel
 * per step ({@link Kernels}), the weights packed into one array ({@link WeightPacking}) and the
 * plane table of views ({@link PlaneTable}). {@code TornadoModel} builds one TaskGraph from them
 * once: weights and tables go to the device when the model is built, the arena stays there, and
 * each run copies only the input in and the output out.
 */
public final class TornadoTarget implements Target {
    static final ClassName MODEL = ClassName.get("dev.snet.tornado", "TornadoModel");
    static final ClassName TASKS = MODEL.nestedClass("Tasks");
    static final ClassName DEVICE = ClassName.get("dev.snet.runtime.backend", "DeviceId");
    static final ClassName SOURCE = ClassName.get("dev.snet.runtime.weights", "WeightSource");
    static final ClassName WEIGHTS_EXCEPTION = ClassName.get("dev.snet.runtime.weights", "WeightsException");

    /** Statements per generated method (weight packing, task registration): far below javac's 64 KiB of bytecode. */
    static final int PER_METHOD = 200;

    public String name() { return "tornado"; }

    public PlanPolicy planPolicy() { return TornadoPlanPolicy.INSTANCE; }

    public Toolchain toolchain() { return TornadoSdk.toolchain(); }

    public JavaFile emit(Compilation c) {
        Graph g = c.graph();
        Identifiers ids = new Identifiers();
        PlaneTable planes = new PlaneTable();
        WeightPacking weights = new WeightPacking();
        Kernels kernels = new Kernels(g, c.plan(), planes, weights);
        List<Kernels.Kernel> steps = new ArrayList<>();
        steps.add(kernels.load(ids.unique("k_", "load")));
        for (Node n : g.nodes()) {
            String where = n.span() == null ? "" : "  (" + n.span().file().path().replaceAll(".*/", "") + ":" + n.span().line() + ")";
            Kernels.Kernel k = kernels.of(ids.unique("k_", n.name()), n, n.name() + ": " + OpText.describe(n.op()) + " -> " + n.shape() + where);
            if (k != null) steps.add(k);
        }
        steps.add(kernels.store(ids.unique("k_", "store")));

        TypeSpec.Builder type = TypeSpec.classBuilder(c.className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(MODEL)
                .addJavadoc(ModelClass.summary(c, "TornadoVM"))
                .addJavadoc("<p>One kernel per step, one work-item per output element of every sample of a batch.\n"
                        + "An instance owns its device buffers and is not thread-safe; {@link #close} frees them.\n");
        ModelClass.constants(type, c);
        type.addField(ModelClass.constant(int.class, "WEIGHT_FLOATS", CodeBlock.of("$L", weights.floats())));
        int[] table = planes.table();
        type.addField(FieldSpec.builder(int[].class, "PLANE_TABLE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(table.length == 0 ? CodeBlock.of("{}")
                        : CodeBlock.of("$L[0]", ModelClass.table("ints", Arrays.stream(table).mapToObj(String::valueOf).collect(Collectors.joining(",")))))
                .build());

        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("Binds the weights and builds the task graph for batches of up to {@code batchCapacity} samples on {@code device}\n"
                        + "(null: TornadoVM's default device); larger batches run in parts.\n")
                .addParameter(SOURCE, "weights").addParameter(DEVICE, "device").addParameter(int.class, "batchCapacity")
                .addException(WEIGHTS_EXCEPTION)
                .addStatement("super(INPUT_SHAPE, OUTPUT_SHAPE, ARENA_FLOATS, packed(weights), PLANE_TABLE, device, batchCapacity)")
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addJavadoc("On TornadoVM's default device, one sample at a time.\n")
                .addParameter(SOURCE, "weights").addException(WEIGHTS_EXCEPTION)
                .addStatement("this(weights, null, 1)").build());
        packing(type, weights);
        registration(type, c.className(), steps);
        steps.forEach(k -> type.addMethod(k.method()));
        return ModelClass.file(c, type.build());
    }

    /** {@code packed(weights)}: checks the file, then computes every tensor into one array, a method per {@link #PER_METHOD}. */
    private static void packing(TypeSpec.Builder type, WeightPacking weights) {
        MethodSpec.Builder packed = MethodSpec.methodBuilder("packed").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(float[].class).addParameter(SOURCE, "weights").addException(WEIGHTS_EXCEPTION)
                .addStatement("weights.require(WEIGHT_KEYS, WEIGHT_SHAPES)")
                .addStatement("float[] all = new float[WEIGHT_FLOATS]");
        List<WeightPacking.Entry> entries = weights.entries();
        for (int from = 0, part = 0; from < entries.size(); from += PER_METHOD, part++) {
            MethodSpec.Builder m = MethodSpec.methodBuilder("pack" + part).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(SOURCE, "weights").addParameter(float[].class, "all").addException(WEIGHTS_EXCEPTION);
            for (WeightPacking.Entry e : entries.subList(from, Math.min(entries.size(), from + PER_METHOD))) {
                m.addStatement("put(all, $L, $L, $L)", e.offset(), e.length(), e.value());
            }
            type.addMethod(m.build());
            packed.addStatement("pack$L(weights, all)", part);
        }
        type.addMethod(packed.addStatement("return all").build());
    }

    /** {@code tasks(t)}: every kernel in order with its work-items per sample. */
    private static void registration(TypeSpec.Builder type, String className, List<Kernels.Kernel> steps) {
        MethodSpec.Builder tasks = MethodSpec.methodBuilder("tasks").addAnnotation(Override.class).addModifiers(Modifier.PROTECTED)
                .addParameter(TASKS, "t");
        for (int from = 0, part = 0; from < steps.size(); from += PER_METHOD, part++) {
            MethodSpec.Builder m = MethodSpec.methodBuilder("tasks" + part).addModifiers(Modifier.PRIVATE, Modifier.STATIC).addParameter(TASKS, "t");
            for (Kernels.Kernel k : steps.subList(from, Math.min(steps.size(), from + PER_METHOD))) {
                m.addStatement("t.add($S, $L::$N, $L)", k.method().name(), className, k.method(), k.work());
            }
            type.addMethod(m.build());
            tasks.addStatement("tasks$L(t)", part);
        }
        type.addMethod(tasks.build());
    }
}

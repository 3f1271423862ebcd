package dev.snet.compiler.codegen.cpu;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.codegen.Binding;
import dev.snet.compiler.codegen.Compilation;
import dev.snet.compiler.codegen.Identifiers;
import dev.snet.compiler.codegen.ModelClass;
import dev.snet.compiler.codegen.Target;
import dev.snet.compiler.codegen.Toolchain;
import dev.snet.compiler.codegen.WeightFields;
import dev.snet.compiler.analysis.OpText;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.plan.MemoryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The CPU target: a class implementing the runtime's CompiledModel whose run method calls the
 * planar kernels step by step over one arena, with every shape and offset a constant.
 */
public final class CpuTarget implements Target {
    static final ClassName MODEL = ClassName.get("dev.snet.runtime", "CompiledModel");
    static final ClassName SOURCE = ClassName.get("dev.snet.runtime.weights", "WeightSource");
    static final ClassName WEIGHTS_EXCEPTION = ClassName.get("dev.snet.runtime.weights", "WeightsException");
    static final ClassName PLANAR = Steps.PLANAR;
    static final ClassName POOL = ClassName.get("dev.snet.runtime", "WorkerPool");
    static final ClassName EXCLUSIVE = ClassName.get("dev.snet.runtime", "Exclusive");
    static final ClassName STEP_TIMES = ClassName.get("dev.snet.runtime", "StepTimes");
    static final ClassName ARENAS = ClassName.get("dev.snet.runtime.kernels", "Arenas");

    /** Steps per generated method: keeps each method far below the JVM's 64 KiB limit. */
    static final int STEPS_PER_METHOD = 120;

    public String name() { return "cpu"; }

    public dev.snet.compiler.plan.PlanPolicy planPolicy() { return CpuPlanPolicy.INSTANCE; }

    public Toolchain toolchain() { return Toolchain.runtimeOnly(); }

    public JavaFile emit(Compilation c) {
        Graph g = c.graph();
        MemoryPlan plan = c.plan();
        Identifiers ids = new Identifiers();
        TypeSpec.Builder type = TypeSpec.classBuilder(c.className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(MODEL)
                .addJavadoc(header(c));
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Binds the weights once: checks every tensor, then folds what the passes folded.\n"
                        + "Large convolutions are split over output channels between the threads of {@code pool}.\n")
                .addParameter(SOURCE, "weights")
                .addParameter(POOL, "pool")
                .addException(WEIGHTS_EXCEPTION)
                .addStatement("this.pool = pool")
                .addStatement("weights.require(WEIGHT_KEYS, WEIGHT_SHAPES)");
        Layouts layouts = new Layouts(ids, type);
        Binding binding = new Binding(type, constructor);
        Steps steps = new Steps(g, plan, layouts, new WeightFields(ids, binding), ids, binding);

        ModelClass.constants(type, c);
        type.addField(FieldSpec.builder(float[].class, "arena", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("$T.allocate(ARENA_FLOATS)", ARENAS).build());
        type.addField(FieldSpec.builder(POOL, "pool", Modifier.PRIVATE, Modifier.FINAL).build());
        type.addField(FieldSpec.builder(EXCLUSIVE, "exclusive", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T($S)", EXCLUSIVE, "this " + c.className()).build());

        String input = steps.at(g.node(g.input()));
        String output = steps.at(g.node(g.output()));
        List<CodeBlock> body = new ArrayList<>();
        List<Node> timed = new ArrayList<>();
        for (Node n : g.nodes()) {
            CodeBlock step = steps.step(n);
            if (step == null) continue;
            if (c.profile()) step = step.toBuilder().addStatement("stepTimes.lap($L)", timed.size()).build();
            body.add(step);
            timed.add(n);
        }
        binding.finish();
        if (c.profile()) profiling(type, g, timed);
        List<MethodSpec> parts = new ArrayList<>();
        for (int from = 0; from < body.size(); from += STEPS_PER_METHOD) {
            MethodSpec.Builder part = MethodSpec.methodBuilder("steps" + parts.size()).addModifiers(Modifier.PRIVATE);
            body.subList(from, Math.min(body.size(), from + STEPS_PER_METHOD)).forEach(part::addCode);
            parts.add(part.build());
        }
        MethodSpec.Builder sample = MethodSpec.methodBuilder("runSample").addModifiers(Modifier.PRIVATE)
                .addJavadoc("One sample through the network, in the arena.\n")
                .addParameter(float[].class, "input").addParameter(int.class, "inputAt")
                .addParameter(float[].class, "output").addParameter(int.class, "outputAt")
                .addCode(c.profile() ? CodeBlock.of("stepTimes.start();\n") : CodeBlock.of(""))
                .addStatement("$T.load(input, inputAt, arena, $N, $L)", PLANAR, input, plan.layout(g.input()).planeSize());
        for (MethodSpec p : parts) sample.addStatement("$N()", p);
        sample.addStatement("$T.store(arena, $N, $L, output, outputAt)", PLANAR, output, plan.layout(g.output()).planeSize());

        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Binds the weights; runs on the calling thread only.\n")
                        .addParameter(SOURCE, "weights").addException(WEIGHTS_EXCEPTION)
                        .addStatement("this(weights, $T.SINGLE)", POOL).build())
                .addMethod(constructor.build())
                .addMethod(MethodSpec.methodBuilder("run").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .addParameter(float[].class, "input").addParameter(int.class, "inputOffset")
                        .addParameter(float[].class, "output").addParameter(int.class, "outputOffset").addParameter(int.class, "batch")
                        .beginControlFlow("if (batch < 0 || inputOffset < 0 || outputOffset < 0 || input.length - inputOffset < batch * INPUT_SIZE"
                                + " || output.length - outputOffset < batch * OUTPUT_SIZE)")
                        .addStatement("throw new $T($S + batch + $S)", IllegalArgumentException.class, "arrays too small for a batch of ", " samples")
                        .endControlFlow()
                        .addStatement("exclusive.enter()")
                        .beginControlFlow("try")
                        .beginControlFlow("for (int b = 0; b < batch; b++)")
                        .addStatement("runSample(input, inputOffset + b * INPUT_SIZE, output, outputOffset + b * OUTPUT_SIZE)")
                        .endControlFlow()
                        .nextControlFlow("finally")
                        .addStatement("exclusive.exit()")
                        .endControlFlow()
                        .build())
                .addMethod(sample.build())
                .addMethods(parts)
                .addMethod(ModelClass.getter("inputShape", int[].class, "INPUT_SHAPE.clone()"))
                .addMethod(ModelClass.getter("outputShape", int[].class, "OUTPUT_SHAPE.clone()"))
                .addMethod(ModelClass.getter("arenaFloats", int.class, "ARENA_FLOATS"));
        return ModelClass.file(c, type.build());
    }

    /** Profiling: a StepTimes describing every step, and the Profiled interface that hands it out. */
    private static void profiling(TypeSpec.Builder type, Graph g, List<Node> timed) {
        type.addSuperinterface(STEP_TIMES.nestedClass("Profiled"));
        CodeBlock labels = CodeBlock.of("new String[] {$L}", timed.stream().map(n -> CodeBlock.of("$S", n.name()).toString())
                .collect(Collectors.joining(", ")));
        CodeBlock ops = CodeBlock.of("new String[] {$L}", timed.stream()
                .map(n -> CodeBlock.of("$S", OpText.describe(n.op()) + " -> " + n.shape()).toString()).collect(Collectors.joining(", ")));
        CodeBlock macs = CodeBlock.of("new long[] {$L}", timed.stream().map(n -> Cost.macs(g, n) + "L").collect(Collectors.joining(", ")));
        type.addField(FieldSpec.builder(STEP_TIMES, "stepTimes", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $T($L, $L, $L)", STEP_TIMES, labels, ops, macs).build());
        type.addMethod(MethodSpec.methodBuilder("stepTimes").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(STEP_TIMES).addStatement("return stepTimes").build());
    }

    private static CodeBlock header(Compilation c) {
        return CodeBlock.builder()
                .add(ModelClass.summary(c, "the CPU"))
                .add("<p>Threading: an instance owns its arena and is not thread-safe; create one per calling thread.\n")
                .add("Given a {@link dev.snet.runtime.WorkerPool}, it splits its large convolutions between the pool's threads.\n")
                .add("{@link #run} allocates nothing and may be called any number of times.\n")
                .build();
    }
}

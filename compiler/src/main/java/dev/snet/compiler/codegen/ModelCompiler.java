package dev.snet.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.passes.Pass;
import dev.snet.compiler.passes.PassManager;
import dev.snet.compiler.plan.MemoryPlan;
import dev.snet.compiler.plan.MemoryPlanner;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/** From a checked graph to Java source: the pass pipeline, the memory plan, a target's emitter. */
public final class ModelCompiler {
    private ModelCompiler() {}

    /** What to compile and how. */
    public record Options(boolean optimise, boolean profile, String packageName, String className, Set<String> dumpAfter,
                          BiConsumer<String, String> dump) {
        public static Options defaults(Graph g) {
            return new Options(true, false, "snet.models", Identifiers.className(g.model()), Set.of(), (a, b) -> { });
        }

        /** The same, with every step timed (see the runtime's StepTimes). */
        public Options profiled() { return new Options(optimise, true, packageName, className, dumpAfter, dump); }
    }

    public record Result(Compilation compilation, JavaFile source) {}

    public static Result compile(Graph source, Options options, Target target) {
        List<Pass> passes = options.optimise() ? PassManager.standard() : List.of();
        Graph optimised = new PassManager(passes, options.dumpAfter(), options.dump()).run(source);
        MemoryPlan plan = MemoryPlanner.plan(optimised, source, target.planPolicy());
        Compilation c = new Compilation(source, optimised, plan, passes.stream().map(Pass::name).toList(), options.packageName(), options.className(),
                options.profile());
        return new Result(c, target.emit(c));
    }
}

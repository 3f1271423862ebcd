package dev.snet.compiler.passes;

import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.IrPrinter;
import dev.snet.compiler.ir.Verifier;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the optimisation passes in order, re-verifying the graph after each; can hand the IR after
 * any pass to a listener ({@code --dump-ir=after:PASS}).
 */
public final class PassManager {
    private final List<Pass> passes;
    private final BiConsumer<String, String> dump;
    private final java.util.Set<String> dumpAfter;

    public PassManager(List<Pass> passes, java.util.Set<String> dumpAfter, BiConsumer<String, String> dump) {
        this.passes = List.copyOf(passes);
        this.dumpAfter = java.util.Set.copyOf(dumpAfter);
        this.dump = dump;
    }

    /** The default pipeline; {@code -O0} runs none of it. */
    public static List<Pass> standard() {
        return List.of(new FoldBatchNorm(), new FuseActivation(), new FuseResidual(), new EliminateShuffle(), new ConcatSplitViews(),
                new RemoveIdentity(), new DeadCode());
    }

    public static List<String> names() { return standard().stream().map(Pass::name).toList(); }

    public Graph run(Graph g) {
        Verifier.verify(g);
        if (dumpAfter.contains("input")) dump.accept("input", IrPrinter.print(g));
        for (Pass p : passes) {
            g = p.run(g);
            Verifier.verify(g);
            if (dumpAfter.contains(p.name())) dump.accept(p.name(), IrPrinter.print(g));
        }
        return g;
    }
}

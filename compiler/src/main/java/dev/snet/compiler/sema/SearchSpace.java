package dev.snet.compiler.sema;

import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.syntax.Ast;
import dev.snet.compiler.syntax.Loader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the models in a search space. The model's own choice parameters (widths, depths) decide
 * which other choices exist, so every combination of them is elaborated and the choices it reaches
 * are multiplied out; choices inside blocks are taken as independent of one another.
 */
public final class SearchSpace {
    /** Beyond this many combinations of top-level choices the count is extrapolated, not enumerated. */
    static final int MAX_COMBINATIONS = 2048;

    public record Size(BigInteger models, boolean exact) {}

    private SearchSpace() {}

    public static Size size(Loader.Unit unit, Ast.ModelDecl model, Map<String, String> overrides, List<ChoiceDim> reached) {
        List<ChoiceDim> top = new ArrayList<>();
        for (Ast.Param p : model.params()) {
            reached.stream().filter(c -> c.name().equals(p.name()) && !c.assigned()).findFirst().ifPresent(top::add);
        }
        long combinations = 1;
        for (ChoiceDim c : top) combinations *= c.options().size();
        if (top.isEmpty() || combinations > MAX_COMBINATIONS) {
            return new Size(product(reached, c -> !c.assigned()), top.isEmpty());
        }
        BigInteger total = BigInteger.ZERO;
        int[] index = new int[top.size()];
        for (long n = 0; n < combinations; n++) {
            Map<String, String> assignment = new HashMap<>(overrides);
            for (int i = 0; i < top.size(); i++) assignment.put(top.get(i).name(), top.get(i).options().get(index[i]));
            Elaborator.Result r = Elaborator.elaborate(unit, model, assignment, new Diagnostics());
            if (r.graph().isPresent()) total = total.add(product(r.choices(), c -> !c.assigned()));
            for (int i = top.size() - 1; i >= 0 && ++index[i] == top.get(i).options().size(); i--) index[i] = 0;
        }
        return new Size(total, true);
    }

    private static BigInteger product(List<ChoiceDim> choices, java.util.function.Predicate<ChoiceDim> which) {
        BigInteger n = BigInteger.ONE;
        for (ChoiceDim c : choices) if (which.test(c)) n = n.multiply(BigInteger.valueOf(c.options().size()));
        return n;
    }
}

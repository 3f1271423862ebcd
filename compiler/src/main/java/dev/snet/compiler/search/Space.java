package dev.snet.compiler.search;

import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.sema.ChoiceDim;
import dev.snet.compiler.sema.Elaborator;
import dev.snet.compiler.syntax.Ast;
import dev.snet.compiler.syntax.Loader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A search space: a checked model whose {@code choice}s are the dimensions. Which choices exist
 * depends on others (a deeper stage has more units, each with its own kernel choice), so a
 * candidate is completed round by round: elaborate, give every newly reached choice a value,
 * elaborate again, until nothing new is reached; values of choices that are no longer reached
 * are dropped.
 */
public final class Space {
    private static final int MAX_ROUNDS = 64;

    private final Loader.Unit unit;
    private final Ast.ModelDecl model;
    private final Map<String, String> fixed;

    public Space(Loader.Unit unit, Ast.ModelDecl model, Map<String, String> fixed) {
        this.unit = unit;
        this.model = model;
        this.fixed = Map.copyOf(fixed);
    }

    public Map<String, String> fixed() { return fixed; }

    public String modelName() { return model.name(); }

    /** A candidate extending {@code partial}: reached choices it leaves open take values from {@code pick}. */
    public Candidate complete(Map<String, String> partial, Picker pick) {
        Map<String, String> a = new LinkedHashMap<>(partial);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ChoiceDim> reached = reached(a);
            Set<String> names = new HashSet<>();
            boolean added = false;
            for (ChoiceDim d : reached) {
                names.add(d.name());
                if (!a.containsKey(d.name())) {
                    a.put(d.name(), pick.pick(d));
                    added = true;
                }
            }
            a.keySet().retainAll(names);
            if (!added) return canonical(a, reached);
        }
        throw new IllegalStateException("the choices of " + model.name() + " did not settle in " + MAX_ROUNDS + " rounds");
    }

    /** Chooses a value for a choice that was just reached. */
    @FunctionalInterface
    public interface Picker {
        String pick(ChoiceDim dim);

        static Picker random(RandomGenerator random) { return d -> d.options().get(random.nextInt(d.options().size())); }

        static Picker first() { return d -> d.options().get(0); }
    }

    /** The searchable choices a partial assignment reaches, in elaboration order; assigned ones carry their value. */
    public List<ChoiceDim> reached(Map<String, String> assignment) {
        Map<String, String> a = new LinkedHashMap<>(assignment);
        Elaborator.Result r = elaborate(a);
        Set<String> names = new HashSet<>();
        r.choices().forEach(d -> names.add(d.name()));
        if (!names.containsAll(a.keySet())) {  // values of choices no longer reached: drop them and look again
            a.keySet().retainAll(names);
            r = elaborate(a);
        }
        return r.choices().stream().filter(d -> !fixed.containsKey(d.name())).toList();
    }

    private Candidate canonical(Map<String, String> a, List<ChoiceDim> reached) {
        Map<String, String> c = new LinkedHashMap<>();
        for (ChoiceDim d : reached) c.put(d.name(), a.get(d.name()));
        return new Candidate(c);
    }

    /** The candidate's concrete graph, or empty when it does not elaborate (its diagnostics in {@code diagnostics}). */
    public Optional<Graph> graph(Candidate c, Diagnostics diagnostics) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(c.choices());
        Elaborator.Result r = Elaborator.elaborate(unit, model, all, diagnostics);
        Elaborator.requireConcrete(r, diagnostics);
        return diagnostics.hasErrors() ? Optional.empty() : r.graph();
    }

    private Elaborator.Result elaborate(Map<String, String> choices) {
        Map<String, String> all = new LinkedHashMap<>(fixed);
        all.putAll(choices);
        return Elaborator.elaborate(unit, model, all, new Diagnostics());
    }

    /** Every candidate, depth first in the order choices are reached; stops after {@code limit}. */
    public List<Candidate> enumerate(int limit) {
        List<Candidate> out = new ArrayList<>();
        enumerate(new LinkedHashMap<>(), out, limit);
        return out;
    }

    private void enumerate(Map<String, String> a, List<Candidate> out, int limit) {
        if (out.size() >= limit) return;
        List<ChoiceDim> reached = reached(a);
        for (ChoiceDim d : reached) {
            if (a.containsKey(d.name())) continue;
            for (String option : d.options()) {
                Map<String, String> next = new LinkedHashMap<>(a);
                next.put(d.name(), option);
                enumerate(next, out, limit);
                if (out.size() >= limit) return;
            }
            return;
        }
        out.add(canonical(a, reached));
    }
}

package dev.snet.compiler.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Evolution as in Single Path One-Shot NAS (Guo et al. 2020): a random first population; then,
 * each generation, parents are the top k of every trial so far (by the objectives, non-dominated
 * sorting when there are several), and the next population is that many mutations (each choice
 * redrawn with probability p) and crossovers (each choice from one parent or the other), filled up
 * with random candidates if those run short. Duplicates and candidates outside a cost budget are
 * rejected before they are scored; choices a child reaches that its parents did not have are drawn
 * at random.
 */
final class EvolutionSearch implements Strategy {
    private final Space space;
    private final Settings s;
    private final SplittableRandom random;
    private int generation;

    EvolutionSearch(Space space, Settings settings) {
        this.space = space;
        this.s = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    @Override
    public boolean next(List<Trial> history, Admission admit) {
        if (generation >= s.generations()) return false;
        int admitted = 0;
        if (generation > 0) {
            List<Trial> ranked = Pareto.rank(history, s.objectives());
            List<Trial> parents = ranked.subList(0, Math.min(s.topK(), ranked.size()));
            if (!parents.isEmpty()) {
                admitted += breed(s.mutations(), admit, () -> mutate(pick(parents)));
                admitted += breed(s.crossovers(), admit, () -> crossover(pick(parents), pick(parents)));
            }
        }
        int tries = 0, limit = 100 * s.population();
        while (admitted < s.population() && tries++ < limit) {
            if (admit.admit(space.complete(Map.of(), Space.Picker.random(random)))) admitted++;
        }
        generation++;
        return generation < s.generations();
    }

    /** Admits up to {@code count} children, trying ten times as many (as SPOS does). */
    private int breed(int count, Admission admit, java.util.function.Supplier<Candidate> child) {
        int admitted = 0;
        for (int tries = 0; admitted < count && tries < 10 * count; tries++) if (admit.admit(child.get())) admitted++;
        return admitted;
    }

    private Candidate pick(List<Trial> parents) { return parents.get(random.nextInt(parents.size())).candidate(); }

    private Candidate mutate(Candidate parent) {
        Map<String, String> genes = new LinkedHashMap<>(parent.choices());
        List<String> names = new ArrayList<>(genes.keySet());
        Map<String, List<String>> options = options(genes);
        for (String name : names) {
            double r = random.nextDouble();
            if (r < s.mutationProbability()) {
                List<String> o = options.get(name);
                genes.put(name, o.get(random.nextInt(o.size())));
            }
        }
        return space.complete(genes, Space.Picker.random(random));
    }

    private Candidate crossover(Candidate a, Candidate b) {
        Map<String, String> genes = new LinkedHashMap<>(a.choices());
        for (Map.Entry<String, String> e : b.choices().entrySet()) {
            if (!genes.containsKey(e.getKey()) || random.nextBoolean()) genes.put(e.getKey(), e.getValue());
        }
        return space.complete(genes, Space.Picker.random(random));
    }

    private Map<String, List<String>> options(Map<String, String> genes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        space.reached(genes).forEach(d -> out.put(d.name(), d.options()));
        return out;
    }

    @Override
    public int planned() { return s.population() * s.generations(); }
}

package dev.snet.compiler.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoTest {
    private static Trial trial(int n, double zen, double macs) {
        return new Trial(n, 0, new Candidate(Map.of("k", Integer.toString(n))), Trial.State.COMPLETE, Map.of(Metric.ZEN, zen, Metric.MACS, macs),
                0, 0, 0, null);
    }

    @Test
    void frontIsTheNonDominatedSet() {
        List<Objective> o = List.of(Objective.parse("zen"), Objective.parse("-macs"));
        List<Trial> t = List.of(trial(0, 10, 100), trial(1, 12, 200), trial(2, 9, 150), trial(3, 12, 150), trial(4, 8, 50));
        assertEquals(List.of(0, 3, 4), Pareto.front(t, o).stream().map(Trial::number).sorted().toList());
        List<Integer> ranked = Pareto.rank(t, o).stream().map(Trial::number).toList();
        assertEquals(List.of(0, 3, 4), ranked.subList(0, 3).stream().sorted().toList(), "front first");
        assertEquals(List.of(1, 2), ranked.subList(3, 5).stream().sorted().toList());
    }

    @Test
    void oneObjectiveSortsByValueThenTrial() {
        List<Trial> t = List.of(trial(0, 1, 0), trial(1, 3, 0), trial(2, 3, 0), trial(3, 2, 0));
        assertEquals(List.of(1, 2, 3, 0), Pareto.rank(t, List.of(Objective.parse("zen"))).stream().map(Trial::number).toList());
        assertEquals(List.of(0, 3, 1, 2), Pareto.rank(t, List.of(Objective.parse("-zen"))).stream().map(Trial::number).toList());
    }

    @Test
    void budgetsReadUnits() {
        assertEquals(330e6, Budget.parse("macs<=330M").limit());
        assertEquals(2e6, Budget.parse("arena<=2MB").limit());
        assertEquals(2 * 1024 * 1024, Budget.parse("arena <= 2MiB").limit());
        assertEquals(0.5, Budget.parse("latency<=500us").limit(), 1e-12);
        assertEquals(false, Budget.parse("zen>=60").atMost());
    }

    @Test
    void rankCorrelationsMatchScipy() {
        // Pearson of average ranks, and tau-b = (C - D) / sqrt((C + D + ties in a)(C + D + ties in b)): 15 / sqrt(17.5 * 17), 10 / sqrt(210).
        double[] a = {1, 2, 3, 4, 5, 6}, b = {2, 1, 4, 3, 6, 6};
        assertEquals(0.8696565534786727, RankCorrelation.spearman(a, b), 1e-12);
        assertEquals(0.6900655593423543, RankCorrelation.kendall(a, b), 1e-12);
    }
}

package dev.snet.compiler.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranking by several objectives, as NSGA-II does: non-dominated sorting into fronts, then, within
 * a front, crowding distance (how far a point is from its neighbours), so that choosing the best
 * k keeps the front's spread. Ties go to the earlier trial: the order is a pure function of the
 * values, which keeps searches reproducible.
 */
public final class Pareto {
    private Pareto() {}

    /** Trials from best to worst by the objectives; trials that are not complete are left out. */
    public static List<Trial> rank(List<Trial> trials, List<Objective> objectives) {
        List<Trial> pool = trials.stream().filter(Trial::complete).toList();
        if (objectives.size() == 1) {
            Objective o = objectives.get(0);
            return pool.stream().sorted(Comparator.<Trial>comparingDouble(t -> {
                double x = o.better(t.metric(o.metric()));
                return Double.isNaN(x) ? Double.POSITIVE_INFINITY : -x;
            }).thenComparingInt(Trial::number)).toList();
        }
        int n = pool.size();
        double[][] v = new double[n][objectives.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < objectives.size(); j++) {
                double x = objectives.get(j).better(pool.get(i).metric(objectives.get(j).metric()));
                v[i][j] = Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
            }
        }
        int[] front = fronts(v);
        double[] crowding = crowding(v, front);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> front[i]).thenComparing(i -> -crowding[i])
                .thenComparingInt(i -> pool.get(i).number()));
        List<Trial> out = new ArrayList<>(n);
        for (int i : order) out.add(pool.get(i));
        return out;
    }

    /** The non-dominated trials (front 0), best first. */
    public static List<Trial> front(List<Trial> trials, List<Objective> objectives) {
        List<Trial> ranked = rank(trials, objectives);
        List<Trial> out = new ArrayList<>();
        for (Trial t : ranked) {
            boolean dominated = false;
            for (Trial u : ranked) if (dominates(u, t, objectives)) { dominated = true; break; }
            if (!dominated) out.add(t);
        }
        return out;
    }

    static boolean dominates(Trial a, Trial b, List<Objective> objectives) {
        boolean strictly = false;
        for (Objective o : objectives) {
            double x = o.better(a.metric(o.metric())), y = o.better(b.metric(o.metric()));
            if (x < y) return false;
            if (x > y) strictly = true;
        }
        return strictly;
    }

    /** Front number of each point (0 = non-dominated), by repeated peeling. */
    static int[] fronts(double[][] v) {
        int n = v.length;
        int[] front = new int[n];
        Arrays.fill(front, -1);
        int assigned = 0;
        for (int f = 0; assigned < n; f++) {
            List<Integer> current = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (front[i] >= 0) continue;
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    if (j != i && (front[j] < 0 || front[j] == f) && dominates(v[j], v[i])) dominated = true;
                }
                if (!dominated) current.add(i);
            }
            for (int i : current) front[i] = f;
            assigned += current.size();
        }
        return front;
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] < b[k]) return false;
            if (a[k] > b[k]) strictly = true;
        }
        return strictly;
    }

    private static double[] crowding(double[][] v, int[] front) {
        int n = v.length;
        double[] d = new double[n];
        if (n == 0) return d;
        int objectives = v[0].length;
        int fronts = Arrays.stream(front).max().orElse(-1) + 1;
        for (int f = 0; f < fronts; f++) {
            final int ff = f;
            Integer[] members = java.util.stream.IntStream.range(0, n).filter(i -> front[i] == ff).boxed().toArray(Integer[]::new);
            for (int k = 0; k < objectives; k++) {
                final int kk = k;
                Integer[] sorted = members.clone();
                Arrays.sort(sorted, Comparator.<Integer>comparingDouble(i -> v[i][kk]).thenComparingInt(i -> i));
                double lo = v[sorted[0]][k], hi = v[sorted[sorted.length - 1]][k];
                d[sorted[0]] = Double.POSITIVE_INFINITY;
                d[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
                if (hi - lo <= 0 || !Double.isFinite(hi - lo)) continue;
                for (int m = 1; m < sorted.length - 1; m++) d[sorted[m]] += (v[sorted[m + 1]][k] - v[sorted[m - 1]][k]) / (hi - lo);
            }
        }
        return d;
    }
}

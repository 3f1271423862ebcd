package dev.snet.compiler.search;

import java.util.Arrays;
import java.util.Comparator;

/** Spearman's rho and Kendall's tau-b between two metrics over the same candidates, ties handled as scipy does. */
public final class RankCorrelation {
    private RankCorrelation() {}

    /** Pearson correlation of the average ranks. */
    public static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a), rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElse(0), mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Tau-b: concordant minus discordant pairs over the pairs not tied in each variable. */
    public static double kendall(double[] a, double[] b) {
        long concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                int x = Double.compare(a[i], a[j]), y = Double.compare(b[i], b[j]);
                if (x == 0 && y == 0) continue;
                if (x == 0) tiesA++;
                else if (y == 0) tiesB++;
                else if (x == y) concordant++;
                else discordant++;
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiesA) * (concordant + discordant + tiesB));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = average;
            i = j + 1;
        }
        return r;
    }
}

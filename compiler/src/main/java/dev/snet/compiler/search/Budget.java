package dev.snet.compiler.search;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit a candidate must keep: {@code macs<=330M}, {@code params<=1M}, {@code arena<=2MB},
 * {@code latency<=5ms}, or a floor on a proxy ({@code zen>=60}). Counts take K, M and G (powers of
 * 1000); bytes KB, MB, GB (1000) or KiB, MiB, GiB (1024); latency us, ms or s.
 */
public record Budget(Metric metric, boolean atMost, double limit, String text) {
    private static final Pattern FORM = Pattern.compile("\\s*([a-z]+)\\s*(<=|>=)\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    /** Parses a budget, or throws with a message that shows the form. */
    public static Budget parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--budget " + text + ": not a budget; write METRIC<=VALUE or METRIC>=VALUE,"
                    + " e.g. macs<=330M, params<=1M, arena<=2MB, latency<=5ms");
        }
        Metric metric = Metric.named(m.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "--budget " + text + ": no metric `" + m.group(1) + "`; metrics: " + Metric.names()));
        double value = Double.parseDouble(m.group(3)) * scale(metric, m.group(4), text);
        if (!Double.isFinite(value)) throw new IllegalArgumentException("--budget " + text + ": the value must be a finite number");
        return new Budget(metric, m.group(2).equals("<="), value, text.trim());
    }

    private static double scale(Metric metric, String unit, String text) {
        String u = unit.toLowerCase(Locale.ROOT);
        Double s = switch (metric.unit()) {
            case COUNT -> switch (u) { case "" -> 1.0; case "k" -> 1e3; case "m" -> 1e6; case "g" -> 1e9; default -> null; };
            case BYTES -> switch (u) {
                case "", "b" -> 1.0; case "kb" -> 1e3; case "mb" -> 1e6; case "gb" -> 1e9;
                case "kib" -> 1024.0; case "mib" -> 1024.0 * 1024; case "gib" -> 1024.0 * 1024 * 1024; default -> null; };
            case MILLISECONDS -> switch (u) { case "ms" -> 1.0; case "us" -> 1e-3; case "s" -> 1e3; default -> null; };
            case SCORE -> u.isEmpty() ? 1.0 : null;
        };
        if (s == null) {
            String allowed = switch (metric.unit()) {
                case COUNT -> "none, K, M or G";
                case BYTES -> "B, KB, MB, GB, KiB, MiB or GiB";
                case MILLISECONDS -> "us, ms or s (a unit is required)";
                case SCORE -> "none";
            };
            throw new IllegalArgumentException("--budget " + text + ": `" + unit + "` is not a unit of " + metric.key() + "; units: " + allowed);
        }
        return s;
    }

    public boolean allows(double value) {
        return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
    }
}

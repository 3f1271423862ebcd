package dev.snet.compiler.search;

import java.util.Locale;
import java.util.Optional;

/** What a search can measure of a candidate. */
public enum Metric {
    /** Multiply-accumulates per image, as `snetc summary` counts them. */
    MACS(Unit.COUNT, false),
    /** Trainable parameters, as PyTorch counts them. */
    PARAMS(Unit.COUNT, false),
    /** Bytes of the compiled model's activation arena per image (its memory plan). */
    ARENA(Unit.BYTES, false),
    /** Median milliseconds of one run of the compiled model at the latency batch and threads. */
    LATENCY(Unit.MILLISECONDS, false),
    NASWOT(Unit.SCORE, true),
    ZEN(Unit.SCORE, true);

    public enum Unit { COUNT, BYTES, MILLISECONDS, SCORE }

    private final Unit unit;
    private final boolean proxy;

    Metric(Unit unit, boolean proxy) {
        this.unit = unit;
        this.proxy = proxy;
    }

    public Unit unit() { return unit; }

    /** Whether it is a training-free proxy that needs a forward pass. */
    public boolean isProxy() { return proxy; }

    /** Whether the compiler gives it without running anything. */
    public boolean isCost() { return this == MACS || this == PARAMS || this == ARENA; }

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Metric> named(String name) {
        for (Metric m : values()) if (m.key().equals(name)) return Optional.of(m);
        return Optional.empty();
    }

    public static String names() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Metric::key).toList());
    }

    /** A value as people read it: 41.2M MACs, 1.72 MB, 3.41 ms, 812.39. */
    public String format(double v) {
        if (Double.isNaN(v)) return "-";
        return switch (unit) {
            case COUNT -> v >= 1e9 ? String.format("%.2fG", v / 1e9) : v >= 1e6 ? String.format("%.2fM", v / 1e6)
                    : v >= 1e3 ? String.format("%.1fK", v / 1e3) : String.format("%.0f", v);
            case BYTES -> v >= 1e6 ? String.format("%.2f MB", v / 1e6) : String.format("%.1f KB", v / 1e3);
            case MILLISECONDS -> String.format("%.3f ms", v);
            case SCORE -> Double.isInfinite(v) ? (v < 0 ? "-inf" : "inf") : String.format("%.3f", v);
        };
    }
}

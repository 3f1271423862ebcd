package dev.snet.runtime.backend;

import java.util.Locale;
import java.util.Optional;

/** Where a model runs: the CPU, TornadoVM, or TornadoVM when it loads and a device answers ({@code auto}). */
public enum Backend {
    AUTO, CPU, TORNADO;

    public String keyword() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Backend> of(String keyword) {
        for (Backend b : values()) if (b.keyword().equals(keyword)) return Optional.of(b);
        return Optional.empty();
    }
}

package dev.snet.runtime.backend;

import java.util.Optional;

/** A TornadoVM device: its backend's index and its index within that backend, written {@code N:M} as {@code snetc devices} lists them. */
public record DeviceId(int backend, int device) {
    public DeviceId {
        if (backend < 0 || device < 0) throw new IllegalArgumentException("device indices are not negative: " + backend + ":" + device);
    }

    /** {@code N:M}, or empty when the text is not two non-negative integers around a colon. */
    public static Optional<DeviceId> parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon != text.lastIndexOf(':') || colon == text.length() - 1) return Optional.empty();
        try {
            int b = Integer.parseInt(text.substring(0, colon)), d = Integer.parseInt(text.substring(colon + 1));
            return b < 0 || d < 0 ? Optional.empty() : Optional.of(new DeviceId(b, d));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() { return backend + ":" + device; }
}

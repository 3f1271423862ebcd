package dev.snet.compiler.ops;

import dev.snet.compiler.ir.Op;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * How a `.snet` pipeline step writes an op: its keyword, its arguments in positional order, and
 * how the op is built from their values, checking them against the input (a {@link LayerCall}
 * reports what is wrong). {@code featureMap}: the step needs a [C, H, W] input, and the
 * elaborator says so before {@code build} runs.
 */
public record Layer(String keyword, List<Arg> args, boolean featureMap, Function<LayerCall, Optional<Op>> build) {

    public Layer {
        args = List.copyOf(args);
    }

    /** The type of an argument. */
    public enum Kind { INT, FLOAT, BOOL }

    /**
     * An argument: required (no fallback), optional (a fixed fallback) or derived from an earlier
     * integer argument ({@code from}, through {@code derive}: a pool's stride is its kernel).
     */
    public record Arg(String name, Kind kind, Object fallback, String from, LongUnaryOperator derive) {
        public static Arg required(String name, Kind kind) { return new Arg(name, kind, null, null, null); }

        public static Arg optional(String name, Kind kind, Object value) { return new Arg(name, kind, value, null, null); }

        public static Arg derived(String name, String from, LongUnaryOperator derive) { return new Arg(name, Kind.INT, null, from, derive); }
    }
}

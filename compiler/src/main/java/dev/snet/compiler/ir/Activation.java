package dev.snet.compiler.ir;

import dev.snet.runtime.kernels.Planar;
import java.util.Arrays;
import java.util.Optional;

/**
 * An activation: a stand-alone op ({@link Op.Activate}) or fused into the op that produces its
 * input. Each constant is the whole definition the compiler needs: the `.snet` op that writes it,
 * whether its output can be negative (FuseActivation's reasoning) and the runtime's code for it
 * ({@code Planar.RELU}, {@code Planar.HSWISH}...; generated code names it by this constant's
 * name), whose kernels and reference implement it. Adding one is a constant here plus its runtime code.
 */
public enum Activation {
    NONE(null, false, Planar.NONE),
    RELU("relu", true, Planar.RELU),
    RELU6("relu6", true, Planar.RELU6),
    /** x * relu6(x + 3) / 6. */
    HSWISH("hswish", false, Planar.HSWISH),
    /** relu6(x + 3) / 6. */
    HSIGMOID("hsigmoid", true, Planar.HSIGMOID),
    SIGMOID("sigmoid", true, Planar.SIGMOID),
    /** x * sigmoid(x), PyTorch's SiLU (swish). */
    SILU("silu", false, Planar.SILU);

    private final String keyword;
    private final boolean nonNegative;
    private final int code;

    Activation(String keyword, boolean nonNegative, int code) {
        this.keyword = keyword;
        this.nonNegative = nonNegative;
        this.code = code;
    }

    /** The runtime's code for it, which kernels and {@code Reference.activation} take. */
    public int code() { return code; }

    /** The op that writes it in a .snet file. */
    public String keyword() { return keyword; }

    /** Whether every output is at least zero, whatever the input. */
    public boolean nonNegative() { return nonNegative; }

    public String suffix() {
        return this == NONE ? "" : " +" + keyword;
    }

    /** The activation a .snet op names, if it names one. */
    public static Optional<Activation> of(String keyword) {
        return Arrays.stream(values()).filter(a -> a != NONE && a.keyword.equals(keyword)).findFirst();
    }
}

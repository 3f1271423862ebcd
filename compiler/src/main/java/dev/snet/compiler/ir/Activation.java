package dev.snet.compiler.ir;

/** An activation fused into the op that produces its input. */
public enum Activation {
    NONE, RELU, RELU6;

    public String suffix() {
        return this == NONE ? "" : " +" + name().toLowerCase(java.util.Locale.ROOT);
    }
}

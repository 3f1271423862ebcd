package dev.snet.runtime.weights;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Element types of safetensors; the floating-point ones can be read as float32. */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int size;
    private final boolean floating;

    DType(int size, boolean floating) {
        this.size = size;
        this.floating = floating;
    }

    public int size() { return size; }

    public boolean isFloating() { return floating; }

    public static Optional<DType> named(String name) {
        for (DType d : values()) if (d.name().equals(name)) return Optional.of(d);
        return Optional.empty();
    }

    /** Element {@code i} of a little-endian buffer as float32. */
    float read(ByteBuffer b, int i) {
        return switch (this) {
            case F64 -> (float) b.getDouble(8 * i);
            case F32 -> b.getFloat(4 * i);
            case F16 -> Float.float16ToFloat(b.getShort(2 * i));
            case BF16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
            default -> throw new IllegalStateException(this + " is not a floating-point type");
        };
    }
}

package dev.snet.compiler.codegen.tornado;

import com.palantir.javapoet.CodeBlock;
import dev.snet.compiler.codegen.WeightFields;
import dev.snet.compiler.ir.Weight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All the weights the kernels read, in one float array that goes to the device once: each tensor
 * (batch norm folded where the passes folded it) at a constant offset, in the layout PyTorch
 * stores it. The same tensor read by two kernels is stored once.
 */
final class WeightPacking {
    /** One tensor: the code computing it from the weights file, where it goes, how many floats. */
    record Entry(CodeBlock value, int offset, int length) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int floats;

    int offset(Weight w) { return offset(WeightFields.expression(w).toString(), WeightFields.expression(w), size(w)); }

    int offset(String key, CodeBlock value, int length) {
        return entries.computeIfAbsent(key, k -> {
            Entry e = new Entry(value, floats, length);
            floats = Math.addExact(floats, length);
            return e;
        }).offset();
    }

    int floats() { return floats; }

    List<Entry> entries() { return new ArrayList<>(entries.values()); }

    private static int size(Weight w) {
        long n = 1;
        for (int d : w.shape()) n *= d;
        return Math.toIntExact(n);
    }
}

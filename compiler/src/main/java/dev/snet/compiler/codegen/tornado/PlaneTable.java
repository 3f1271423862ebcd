package dev.snet.compiler.codegen.tornado;

import dev.snet.compiler.plan.Layout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a tensor's channels lie, as kernel code. Evenly spaced channels (most tensors) become
 * arithmetic on constants; the channels of a view (a shuffle, a split or a concat that moved
 * nothing) are gathered from anywhere, so their offsets go into one int table on the device,
 * shared by all kernels, each gather stored once.
 */
final class PlaneTable {
    private final Map<Layout, Integer> starts = new HashMap<>();
    private int[] table = new int[0];

    /** The offset of channel {@code c} (an int expression) of {@code l} within a sample's arena. */
    String channel(Layout l, String c) {
        int spacing = l.spacing();
        int first = l.planes().length == 0 ? 0 : l.planes()[0];
        if (l.channels() == 1) return String.valueOf(first);
        if (!c.chars().allMatch(Character::isJavaIdentifierPart)) c = "(" + c + ")";
        if (spacing > 0) return first == 0 ? c + " * " + spacing : "(" + first + " + " + c + " * " + spacing + ")";
        return "p.get(" + start(l) + " + " + c + ")";
    }

    private int start(Layout l) {
        return starts.computeIfAbsent(l, k -> {
            int at = table.length;
            table = Arrays.copyOf(table, at + k.channels());
            System.arraycopy(k.planes(), 0, table, at, k.channels());
            return at;
        });
    }

    int[] table() { return table.clone(); }
}

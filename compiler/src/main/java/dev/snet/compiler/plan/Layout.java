package dev.snet.compiler.plan;

import java.util.Arrays;

/**
 * Where a tensor's channels lie in the arena: channel c is the {@code planeSize} floats at per-sample
 * offset {@code planes[c]}. Views (split, concat, shuffle) are just other orders of other planes.
 */
public record Layout(int planeSize, int[] planes) {

    public int channels() { return planes.length; }

    /** Whether the planes follow each other with no gap, as a freshly computed block's do. */
    public boolean contiguous() {
        for (int c = 1; c < planes.length; c++) if (planes[c] != planes[0] + c * planeSize) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.planeSize == planeSize && Arrays.equals(l.planes, planes);
    }

    @Override
    public int hashCode() { return 31 * planeSize + Arrays.hashCode(planes); }

    @Override
    public String toString() {
        return contiguous() ? "[" + (planes.length == 0 ? 0 : planes[0]) + " +" + planes.length + "x" + planeSize + "]"
                : "gather " + planes.length + "x" + planeSize;
    }
}

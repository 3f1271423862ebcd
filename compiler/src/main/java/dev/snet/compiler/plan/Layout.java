package dev.snet.compiler.plan;

import java.util.Arrays;

/**
 * Where a tensor's channels lie in the arena: channel c is the {@code planeSize} floats at per-sample
 * offset {@code planes[c]}. Views (split, concat, shuffle) are just other orders of other planes.
 */
public record Layout(int planeSize, int[] planes) {

    public int channels() { return planes.length; }

    /**
     * The distance between consecutive planes when they lie in order, evenly spaced and apart, as a
     * freshly computed block's do (the target's {@link PlanPolicy#pitch}); 0 for a gather.
     */
    public int spacing() {
        if (planes.length < 2) return planeSize;
        int step = planes[1] - planes[0];
        if (step < planeSize) return 0;
        for (int c = 2; c < planes.length; c++) if (planes[c] != planes[0] + c * step) return 0;
        return step;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && l.planeSize == planeSize && Arrays.equals(l.planes, planes);
    }

    @Override
    public int hashCode() { return 31 * planeSize + Arrays.hashCode(planes); }

    @Override
    public String toString() {
        int spacing = spacing();
        if (spacing == 0) return "gather " + planes.length + "x" + planeSize;
        return "[" + (planes.length == 0 ? 0 : planes[0]) + " +" + planes.length + "x" + planeSize + (spacing == planeSize ? "" : " every " + spacing) + "]";
    }
}

package dev.snet.runtime.kernels;

/**
 * Plane tables of generated models: where each channel of a tensor lies in the arena. Contiguous
 * tables are written as ranges; gathers (a split of a shuffle of a concat) as a compact list of
 * arithmetic runs, "start:count:step" or a single offset, separated by spaces.
 */
public final class Planes {
    private Planes() {}

    public static int[] range(int start, int count, int step) {
        int[] p = new int[count];
        for (int i = 0; i < count; i++) p[i] = start + i * step;
        return p;
    }

    public static int[] parse(String runs) { return parse(0, runs); }

    /** The planes of {@code runs}, each moved {@code base} floats on: generated models pass {@link Arenas#BASE}. */
    public static int[] parse(int base, String runs) {
        String[] items = runs.trim().split(" ");
        int total = 0;
        for (String item : items) total += item.indexOf(':') < 0 ? 1 : Integer.parseInt(item.split(":")[1]);
        int[] p = new int[total];
        int at = 0;
        for (String item : items) {
            String[] f = item.split(":");
            int start = base + Integer.parseInt(f[0]);
            int count = f.length == 1 ? 1 : Integer.parseInt(f[1]);
            int step = f.length == 1 ? 0 : Integer.parseInt(f[2]);
            for (int i = 0; i < count; i++) p[at++] = start + i * step;
        }
        return p;
    }

    /** The inverse of {@link #parse}: greedy arithmetic runs. */
    public static String format(int[] planes) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < planes.length) {
            int j = i + 1;
            if (j < planes.length) {
                int step = planes[j] - planes[i];
                while (j + 1 < planes.length && planes[j + 1] - planes[j] == step) j++;
                if (j - i + 1 >= 3) {
                    if (out.length() > 0) out.append(' ');
                    out.append(planes[i]).append(':').append(j - i + 1).append(':').append(step);
                    i = j + 1;
                    continue;
                }
            }
            if (out.length() > 0) out.append(' ');
            out.append(planes[i]);
            i++;
        }
        return out.toString();
    }
}

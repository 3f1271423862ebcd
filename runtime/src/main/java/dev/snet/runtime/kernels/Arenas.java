package dev.snet.runtime.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Allocates activation arenas whose planes start on 64-byte cache lines. The memory plan pads
 * every plane to whole lines, but a {@code float[]} is only 8-byte aligned: at any of the other
 * seven offsets every 64-byte vector load and store spans two lines, and a whole model runs 6-8 %
 * slower (ShuffleNet v1 at batch 1, `bench/ab.sh ... model` with the two alignments pinned by
 * -XX:ObjectAlignmentInBytes=64). Java has no aligned arrays, but G1, the default collector, puts
 * an array of half a heap region or more at the start of a region of its own and never moves it:
 * arenas are made at least that large, and planes start {@link #BASE} floats in, past the array
 * header. Under another collector, or where the VM's options cannot be read, arenas are plain
 * arrays and alignment is left to chance, as it was before.
 */
public final class Arenas {
    private Arenas() {}

    private static final int LINE = 64;

    /** The index of an arena's first plane: the first float on a cache line when the array starts on one. */
    public static final int BASE;

    /** The fewest floats that G1 places at the start of a region; 0 when that cannot be relied on. */
    private static final int ALIGNED_MIN_FLOATS;

    static {
        int header = 16;
        long region = 0;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (flag(vm, "UseCompactObjectHeaders")) header = 12;
            if (flag(vm, "UseG1GC")) region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            region = 0;  // another VM, or jdk.management left out of the image: plain arrays
        }
        BASE = region == 0 ? 0 : (LINE - header) / Float.BYTES;
        ALIGNED_MIN_FLOATS = (int) Math.min(Integer.MAX_VALUE - 64, region / 2 / Float.BYTES + 1);
    }

    /** A zeroed arena for a memory plan of {@code floats} floats, whose planes are offset by {@link #BASE}. */
    public static float[] allocate(int floats) {
        return new float[Math.max(BASE + floats, ALIGNED_MIN_FLOATS)];
    }

    private static boolean flag(HotSpotDiagnosticMXBean vm, String name) {
        try {
            return Boolean.parseBoolean(vm.getVMOption(name).getValue());
        } catch (IllegalArgumentException absent) {  // an option this VM's version does not have
            return false;
        }
    }
}

package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ArenasTest {
    private static final HotSpotDiagnosticMXBean VM = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void underG1ArenasTakeARegionOfTheirOwnAndPlanesStartOnACacheLine() {
        if (!VM.getVMOption("UseG1GC").getValue().equals("true")) {  // a small machine's VM picks the serial collector
            assertEquals(0, Arenas.BASE);
            assertEquals(1000, Arenas.allocate(1000).length);
            return;
        }
        long region = Long.parseLong(VM.getVMOption("G1HeapRegionSize").getValue());
        boolean compact = VM.getVMOption("UseCompactObjectHeaders").getValue().equals("true");
        int header = compact ? 12 : 16;
        assertEquals(0, (header + Float.BYTES * Arenas.BASE) % 64, "the first plane is on a line when the array starts on one");
        for (int floats : new int[] {1, 1000, (int) (region / 8), (int) region}) {
            float[] arena = Arenas.allocate(floats);
            assertTrue(arena.length >= Arenas.BASE + floats, "room for the plan after BASE");
            assertTrue((long) arena.length * Float.BYTES >= region / 2, "half a region or more: G1 gives it a region of its own");
        }
    }

    @Test
    void planeTablesMoveOnByTheBase() {
        assertArrayEquals(new int[] {12, 108, 21, 30, 39}, Planes.parse(12, "0 96 9:3:9"));
        assertArrayEquals(Planes.parse("0 96 9:3:9"), Planes.parse(0, "0 96 9:3:9"));
    }
}

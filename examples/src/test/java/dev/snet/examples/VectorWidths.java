package dev.snet.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The vector widths a child JVM can be held to on this machine, and the kernels each should choose:
 * the machine's own, 256-bit in 16 registers (AVX2, from an AVX-512 machine), 128-bit (NEON's
 * width) and SSE without FMA (the scalar kernels). Only what this CPU supports: a width the JIT
 * cannot use would quietly run another.
 */
final class VectorWidths {
    private VectorWidths() {}

    static final String NATIVE = "native";
    static final String AVX2 = "avx2-256bit";
    static final String BITS128 = "128bit";
    static final String SSE = "sse-no-fma";

    static List<String> onThisMachine() {
        Set<String> cpu = cpuFlags();
        List<String> widths = new ArrayList<>(List.of(NATIVE));
        if (cpu.contains("avx2") && cpu.contains("avx512f")) widths.add(AVX2);
        if (cpu.contains("avx2")) widths.add(BITS128);
        if (cpu.contains("sse4_1")) widths.add(SSE);
        return widths;
    }

    static List<String> flags(String width) {
        return switch (width) {
            case NATIVE -> List.of();
            case AVX2 -> List.of("-XX:UseAVX=2");
            case BITS128 -> List.of("-XX:UseAVX=2", "-XX:MaxVectorSize=16");
            case SSE -> List.of("-XX:UseAVX=0");
            default -> throw new IllegalArgumentException(width);
        };
    }

    /** The start of the kernels' self-description ({@code Planar.implementation()}) at this width (any at the machine's own). */
    static String expectedKernels(String width) {
        return switch (width) {
            case NATIVE -> "";
            case AVX2 -> "vector (256-bit x 16 registers";
            case BITS128 -> "vector (128-bit x 16 registers";
            case SSE -> "scalar (this JIT has no vector FMA";
            default -> throw new IllegalArgumentException(width);
        };
    }

    /** The flags of /proc/cpuinfo (none where there is no such file, as off Linux: then the native width only). */
    private static Set<String> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> Set.copyOf(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))).orElse(Set.of());
        } catch (IOException | UnsupportedOperationException e) {
            return Set.of();
        }
    }
}

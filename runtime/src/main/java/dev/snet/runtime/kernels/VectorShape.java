package dev.snet.runtime.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * What the JIT of this JVM can do with vectors, read once when the kernels load: the kernels pick
 * their tile shapes and variants from it (as {@code static final} constants, which the JIT folds),
 * and {@code snetc bench} prints it. It is the JIT's view, not the CPU's: {@code -XX:UseAVX=2} on
 * an AVX-512 machine gives 256-bit vectors in 16 registers and no scatter, {@code -XX:UseAVX=0}
 * 128-bit vectors without FMA or masked loads, and the kernels follow.
 *
 * @param bits       width of the preferred float species
 * @param registers  vector registers the JIT allocates from (32 with AVX-512 or on AArch64, else 16)
 * @param fma        whether a vector FMA compiles to one instruction (without it, the Vector API's
 *                   {@code fma} runs lane by lane in Java and allocates: the scalar kernels run)
 * @param scatter    whether a vector store to lanes at arbitrary indices compiles to one instruction
 * @param masked     whether masked vector loads and stores compile to instructions
 * @param useAvx     the JVM's {@code UseAVX} level, or -1 where there is none (not x86)
 */
public record VectorShape(int bits, int registers, boolean fma, boolean scatter, boolean masked, int useAvx) {

    /** Floats per vector. */
    public int lanes() {
        return bits / 32;
    }

    /** Whether tiles may keep about twenty-four vectors live (else about twelve). */
    public boolean wideRegisterFile() {
        return registers >= 32;
    }

    /** One line for benchmarks and generated code: "256-bit x 16 registers, fma, masked; UseAVX=2". */
    public String describe() {
        StringBuilder s = new StringBuilder().append(bits).append("-bit x ").append(registers).append(" registers");
        s.append(fma ? ", fma" : ", no fma (mul+add)");
        if (scatter) s.append(", scatter");
        s.append(masked ? ", masked" : ", no masked loads");
        if (useAvx >= 0) s.append("; UseAVX=").append(useAvx);
        return s.toString();
    }

    /** The shape of a JVM whose preferred float vectors have {@code bits} bits. */
    static VectorShape of(int bits) {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("aarch64")) {
            // NEON: 32 registers, FMA; SVE (wider than 128 bits) adds scatter and predicated memory.
            return new VectorShape(bits, 32, true, bits > 128, bits > 128, -1);
        }
        int avx = vmOption("UseAVX", 2);
        boolean fma = vmOption("UseFMA", avx >= 2 ? 1 : 0) != 0;
        // x86: AVX-512 (UseAVX=3) has 32 registers and scatter stores; AVX has masked moves (vmaskmovps).
        return new VectorShape(bits, avx >= 3 ? 32 : 16, fma, avx >= 3, avx >= 1, avx);
    }

    /** A HotSpot option as a number (true/false as 1/0), or {@code fallback} where this JVM has no such option. */
    private static int vmOption(String name, int fallback) {
        try {
            String value = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue();
            return switch (value) {
                case "true" -> 1;
                case "false" -> 0;
                default -> Integer.parseInt(value);
            };
        } catch (IllegalArgumentException | UnsupportedOperationException | NullPointerException e) {
            return fallback;
        }
    }
}

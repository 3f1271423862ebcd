import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times one kernel of two builds of the runtime in the same process, taking turns, and prints the
 * best time of each and their ratio. On a shared machine the same command can run 30 % slower from
 * one process to the next; within one process, turn by turn, both builds see the same machine.
 * Run by bench/ab.sh, which builds the two jars; by hand:
 *
 *   java --add-modules jdk.incubator.vector bench/ab/KernelAB.java A.jar B.jar conv 116 116 14 1 1 1
 *   (conv IN_C OUT_C SIZE KERNEL STRIDE GROUPS [cold]; max|avg CHANNELS SIZE STRIDE)
 */
public class KernelAB {
    private interface Kernel {
        void run() throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3) {
            System.err.println("usage: KernelAB A.jar B.jar conv IN_C OUT_C SIZE KERNEL STRIDE GROUPS [cold] | max|avg CHANNELS SIZE STRIDE");
            System.exit(2);
        }
        Kernel[] kernels = {kernel(args[0], args), kernel(args[1], args)};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        // Warm-up: long enough for the JIT to compile both builds' kernels fully.
        for (Kernel k : kernels) for (long end = System.nanoTime() + 4_000_000_000L; System.nanoTime() < end; ) k.run();
        int n = 0;
        for (long end = System.nanoTime() + 20_000_000L; System.nanoTime() < end; n++) kernels[0].run();  // runs per turn: about 20 ms
        n = Math.max(n, 1);
        for (int round = 0; round < 40; round++) {
            for (int k = 0; k < 2; k++) {
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) kernels[k].run();
                best[k] = Math.min(best[k], (System.nanoTime() - t) / 1e3 / n);
            }
        }
        System.out.printf("%s: A %.2f us, B %.2f us, B is %.3fx as fast as A%n", String.join(" ", java.util.Arrays.copyOfRange(args, 2, args.length)),
                best[0], best[1], best[0] / best[1]);
    }

    private static Kernel kernel(String jar, String[] args) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, KernelAB.class.getClassLoader().getParent());
        Class<?> planar = Class.forName("dev.snet.runtime.kernels.Planar", true, loader);
        var lookup = MethodHandles.publicLookup();
        // An arena as generated models get it (planes on cache lines), where the build has Arenas;
        // before it, a plain array, whose alignment the heap chooses: A/Bs across that commit carry it.
        Class<?> arenas = arenas(loader);
        int base = arenas == null ? 0 : arenas.getField("BASE").getInt(null);
        float[] a = arenas == null ? new float[16_000_000] : (float[]) arenas.getMethod("allocate", int.class).invoke(null, 16_000_000);
        Random r = new Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        switch (args[2]) {
            case "conv" -> {
                int inC = Integer.parseInt(args[3]), outC = Integer.parseInt(args[4]), size = Integer.parseInt(args[5]);
                int k = Integer.parseInt(args[6]), stride = Integer.parseInt(args[7]), groups = Integer.parseInt(args[8]);
                int out = (size + 2 * (k / 2) - k) / stride + 1;
                int[] in = planes(base, inC, pitch(size * size)), o = planes(base + inC * pitch(size * size), outC, pitch(out * out));
                // "cold": cycle through copies of the weights (16 MB in all), so that each call reads them from
                // memory as a model at batch 1 does, not from a cache warmed by the call before.
                int copies = args.length > 9 && args[9].equals("cold") ? Math.max(2, 4_000_000 / (outC * inC / groups * k * k)) : 1;
                float[][] ws = new float[copies][outC * inC / groups * k * k];
                float[] b = new float[outC];
                for (float[] w : ws) for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
                int[] next = {0};
                MethodHandle conv = lookup.findStatic(planar, "conv", MethodType.methodType(void.class, float[].class, int[].class, int.class,
                        int.class, int[].class, int.class, int.class, float[].class, float[].class, int.class, int.class, int.class, int.class,
                        int.class, int.class, int.class));
                return () -> {
                    float[] w = ws[next[0]];
                    next[0] = (next[0] + 1) % ws.length;
                    conv.invokeExact(a, in, size, size, o, out, out, w, b, inC, outC, k, stride, k / 2, groups, 1);
                };
            }
            case "max", "avg" -> {
                int c = Integer.parseInt(args[3]), size = Integer.parseInt(args[4]), stride = Integer.parseInt(args[5]);
                int out = (size - 1) / stride + 1;
                int[] in = planes(base, c, pitch(size * size)), o = planes(base + c * pitch(size * size), c, pitch(out * out));
                if (args[2].equals("max")) {
                    MethodHandle pool = lookup.findStatic(planar, "maxPool", MethodType.methodType(void.class, float[].class, int[].class,
                            int.class, int.class, int[].class, int.class, int.class, int.class, int.class, int.class));
                    return () -> { pool.invokeExact(a, in, size, size, o, out, out, 3, stride, 1); };
                }
                MethodHandle pool = lookup.findStatic(planar, "avgPool", MethodType.methodType(void.class, float[].class, int[].class,
                        int.class, int.class, int[].class, int.class, int.class, int.class, int.class, int.class, boolean.class));
                return () -> { pool.invokeExact(a, in, size, size, o, out, out, 3, stride, 1, true); };
            }
            default -> throw new IllegalArgumentException("unknown kernel " + args[2] + ": conv, max or avg");
        }
    }

    private static Class<?> arenas(ClassLoader loader) {
        try {
            return Class.forName("dev.snet.runtime.kernels.Arenas", true, loader);
        } catch (ClassNotFoundException before) {
            return null;
        }
    }

    /** The memory planner's plane pitch: whole cache lines, never a multiple of 1 KB. */
    private static int pitch(int plane) {
        if (plane < 16) return plane;
        int p = (plane + 15) / 16 * 16;
        return p % 256 == 0 ? p + 16 : p;
    }

    private static int[] planes(int base, int n, int pitch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = base + i * pitch;
        return p;
    }
}

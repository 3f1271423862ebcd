import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Times a whole model compiled by two builds of snetc in the same process, one thread, taking turns
 * of about 200 ms, and prints the median of each build's turn medians and the median of the
 * turn-by-turn ratios. Kernel A/Bs (KernelAB) run one layer with its data in cache; at batch 1 a
 * model's layers evict each other's weights and activations, which only a whole model shows.
 * Run by bench/ab.sh (the "model" form), which builds the two jars; by hand:
 *
 *   java --add-modules jdk.incubator.vector bench/ab/ModelAB.java A.jar B.jar model MODEL.snet k=v,k=v|- BATCH [TURNS]
 *
 * Reflection is confined to setting up (the two builds' classes cannot be named here); the timed
 * loop calls each build's CompiledModel.run through a method handle.
 */
public class ModelAB {
    private interface Engine {
        void run() throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 6 || !args[2].equals("model")) {
            System.err.println("usage: ModelAB A.jar B.jar model MODEL.snet k=v,k=v|- BATCH [TURNS]");
            System.exit(2);
        }
        int batch = Integer.parseInt(args[5]);
        int turns = args.length > 6 ? Integer.parseInt(args[6]) : 40;
        Engine[] engines = {engine(args[0], args[3], args[4], batch), engine(args[1], args[3], args[4], batch)};
        for (long end = System.nanoTime() + 8_000_000_000L; System.nanoTime() < end; ) for (Engine e : engines) e.run();
        double[][] medians = new double[2][turns];
        double[] ratios = new double[turns];
        for (int t = 0; t < turns; t++) {
            for (int k = 0; k < 2; k++) {
                engines[k].run();  // the first run of a turn refills the caches the other build emptied
                double[] runs = new double[512];
                int n = 0;
                for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end && n < runs.length; n++) {
                    long start = System.nanoTime();
                    engines[k].run();
                    runs[n] = (System.nanoTime() - start) / 1e6;
                }
                medians[k][t] = median(Arrays.copyOf(runs, n));
            }
            ratios[t] = medians[1][t] / medians[0][t];
        }
        System.out.printf("%s %s batch %d: A %.3f ms, B %.3f ms, B/A %.3f (turns p10 %.3f, p90 %.3f)%n", args[3], args[4], batch,
                median(medians[0]), median(medians[1]), median(ratios), quantile(ratios, 0.1), quantile(ratios, 0.9));
    }

    private static Engine engine(String jar, String file, String params, int batch) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, ModelAB.class.getClassLoader().getParent());
        Class<?> sourceFile = loader.loadClass("dev.snet.compiler.source.SourceFile");
        Class<?> diagnostics = loader.loadClass("dev.snet.compiler.diag.Diagnostics");
        Class<?> graph = loader.loadClass("dev.snet.compiler.ir.Graph");
        Class<?> compiler = loader.loadClass("dev.snet.compiler.codegen.ModelCompiler");
        Class<?> options = loader.loadClass("dev.snet.compiler.codegen.ModelCompiler$Options");
        Class<?> target;
        try {
            target = loader.loadClass("dev.snet.compiler.codegen.cpu.CpuTarget");
        } catch (ClassNotFoundException older) {  // revisions before targets had packages of their own
            target = loader.loadClass("dev.snet.compiler.codegen.CpuTarget");
        }
        Class<?> cache = loader.loadClass("dev.snet.compiler.codegen.ModelCache");
        Class<?> weightSource = loader.loadClass("dev.snet.runtime.weights.WeightSource");
        Class<?> randomInit = loader.loadClass("dev.snet.runtime.weights.RandomInit");
        Class<?> compiled = loader.loadClass("dev.snet.runtime.CompiledModel");

        Map<String, String> parameters = new LinkedHashMap<>();
        if (!params.equals("-")) for (String kv : params.split(",")) parameters.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Object diag = diagnostics.getConstructor().newInstance();
        Object source = sourceFile.getConstructor(String.class, String.class).newInstance(file, Files.readString(Path.of(file)));
        Method concrete = loader.loadClass("dev.snet.compiler.Frontend").getMethod("concrete", sourceFile, Path.class, Map.class, diagnostics);
        Object g = ((Optional<?>) concrete.invoke(null, source, Path.of(file), parameters, diag)).orElseThrow();
        Object opts = options.getMethod("defaults", graph).invoke(null, g);
        Object result = compiler.getMethod("compile", graph, options, loader.loadClass("dev.snet.compiler.codegen.Target"))
                .invoke(null, g, opts, target.getConstructor().newInstance());
        Object javaFile = result.getClass().getMethod("source").invoke(result);
        Object standard = cache.getMethod("standard").invoke(null);
        Object loaded = cache.getMethod("load", javaFile.getClass()).invoke(standard, javaFile);
        // Revisions before ModelCache.Loaded returned the class itself.
        Class<?> type = loaded instanceof Class<?> c ? c : (Class<?>) loaded.getClass().getMethod("type").invoke(loaded);
        // RandomInit's weights: timing does not depend on their values.
        Object weights = randomInit.getConstructor(long.class).newInstance(1L);
        Object model = cache.getMethod("instantiate", Class.class, weightSource).invoke(null, type, weights);
        int in = (int) compiled.getMethod("inputSize").invoke(model), out = (int) compiled.getMethod("outputSize").invoke(model);
        float[] x = new float[batch * in], y = new float[batch * out];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        var run = java.lang.invoke.MethodHandles.publicLookup()
                .findVirtual(compiled, "run", java.lang.invoke.MethodType.methodType(void.class, float[].class, float[].class, int.class))
                .bindTo(model);
        return () -> { run.invokeExact(x, y, batch); };
    }

    private static double median(double[] v) { return quantile(v, 0.5); }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }
}

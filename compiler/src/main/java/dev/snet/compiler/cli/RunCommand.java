package dev.snet.compiler.cli;

import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.JavaCompilation;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.ParallelModel;
import dev.snet.runtime.WorkerPool;
import dev.snet.runtime.backend.Backend;
import dev.snet.runtime.backend.Backends;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.SafeTensorsSource;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.RandomWeights;
import dev.snet.compiler.exec.WeightBinder;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Shape;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.Images;
import dev.snet.runtime.io.Npy;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a model (on the CPU or through TornadoVM: --backend) and prints the top classes of each sample. The model is compiled to a",
                "specialised class (cached by content in ~/.cache/snet or $SNET_CACHE); --interpret runs the reference interpreter.",
                "Input: a .npy float32 array [N,C,H,W] or [C,H,W], a PNG/JPEG image (torchvision's ImageNet preprocessing",
                "by default), or --random. Without --weights the weights are a deterministic PyTorch-like initialisation."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConcreteModel modelFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    InputChoice input;

    static final class InputChoice {
        @Option(names = "--input", paramLabel = "X", description = ".npy array or PNG/JPEG image") Path path;
        @Option(names = "--random", description = "a deterministic random input (see --seed, --batch)") boolean random;
    }

    @Option(names = "--weights", paramLabel = "W.safetensors", description = "weights; keys are the model's layer names")
    Path weights;

    @Option(names = "--output", converter = OutputFile.class, paramLabel = "Y.npy", description = "write the outputs as float32 .npy [N, classes] (atomically)")
    Path output;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "classes to print per sample (0: none; default 5)")
    int top;

    @Option(names = "--labels", paramLabel = "FILE", description = "class names, one per line")
    Path labels;

    @Option(names = "--interpret", description = "run the reference interpreter instead of the compiled model")
    boolean interpret;

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the compiled model (default: available cores)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the random weights and input (default 0)")
    long seed;

    @Option(names = "--batch", defaultValue = "1", description = "batch size of a --random input (default 1)")
    int batch;

    @Option(names = "--resize", paramLabel = "PIXELS", description = "images: shorter side before the centre crop (default 256/224 of the input; 0: resize to the input)")
    Integer resize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", description = "images: normalisation mean (default ImageNet's)")
    float[] mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", description = "images: normalisation std (default ImageNet's)")
    float[] std;

    @Option(names = "--no-normalize", description = "images: keep values in [0, 1]")
    boolean noNormalize;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** A failure the user can fix, reported in one line. */
    static final class RunException extends Exception {
        RunException(String message) { super(message); }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch < 1 || batch > 4096) return usage(err, "--batch must be from 1 to 4096");
        if (threads != null && (threads < 1 || threads > 256)) return usage(err, "--threads must be from 1 to 256");
        if (top < 0) return usage(err, "--top must not be negative");
        if (input.path != null && spec.commandLine().getParseResult().hasMatchedOption("--batch")) {
            return usage(err, "--batch sets the size of a --random input; an --input file brings its own batch");
        }
        if (interpret && (spec.commandLine().getParseResult().hasMatchedOption("--backend") || backendOptions.device != null)) {
            return usage(err, "--interpret runs the reference interpreter on the CPU; --backend chooses where the compiled model runs: choose one");
        }
        if (resize != null && resize < 0) return usage(err, "--resize must be 0 (resize to the input) or a positive number of pixels");
        if (mean != null) for (float m : mean) if (!Float.isFinite(m)) return usage(err, "--mean values must be finite numbers");
        if (std != null) for (float v : std) if (!(v > 0) || !Float.isFinite(v)) return usage(err, "--std values must be positive finite numbers");
        if (mean != null && std != null && mean.length != std.length) {
            return usage(err, "--mean has " + mean.length + " values and --std " + std.length + "; give one per channel (or one for all) to each");
        }
        Optional<Graph> graph = modelFile.graph(err);
        if (graph.isEmpty()) return Snetc.DIAGNOSTICS;
        Graph g = graph.get();
        try {
            if (output != null) checkWritable(output);
            List<String> labelNames = labels == null ? List.of() : readLabels(labels);  // before the work, not after
            Tensor x = input(g);
            Tensor y = interpret ? interpret(g, x, err) : compiled(g, x, err);
            if (output != null) {
                try {
                    Npy.write(output, y);
                } catch (IOException e) {
                    throw new RunException("cannot write " + output + ": " + SourceArgs.reason(e));
                }
            }
            backendOptions.announce(err);  // after the run and its output: an error before them is the first line the user sees
            if (top > 0) printTop(out, y, labelNames, top);
            out.flush();
            return Snetc.OK;
        } catch (WeightsException | RunException | IOException | ModelCache.NotEnoughMemory | BackendOptions.Unusable e) {
            return modelFile.fail(err, e.getMessage());
        }
    }

    private Tensor interpret(Graph g, Tensor x, PrintWriter err) throws WeightsException {
        RawWeights w = weights == null ? RandomWeights.of(g, seed) : WeightBinder.bind(g, weights, m -> err.println("warning: " + m));
        err.flush();
        return Interpreter.run(g, w, x);
    }

    /** Compiles the model (or takes it from the cache), binds the weights, runs the batch. */
    private Tensor compiled(Graph g, Tensor x, PrintWriter err) throws WeightsException, IOException, RunException, BackendOptions.Unusable {
        Backends.Selection backend = backendOptions.select();
        if (backend.backend() == Backend.TORNADO) {
            Tensor y = onTornado(g, x, backend, err);
            if (y != null) return y;
        }
        ModelCompiler.Result result = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU);
        ModelCache.Loaded loaded;
        try {
            loaded = ModelCache.standard().load(result.source());
        } catch (JavaCompilation.NoJavac | JavaCompilation.TooLarge e) {
            throw new RunException(e.getMessage() + " (use --interpret to run without compiling)");
        } catch (JavaCompilation.CompilationException e) {
            throw new IllegalStateException(e.getMessage(), e);  // javac rejected generated code: snetc's bug, an internal error
        } catch (IOException e) {
            throw new RunException("cannot use the model cache (set SNET_CACHE to a writable directory): " + SourceArgs.reason(e));
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Class<? extends CompiledModel> type = loaded.type();
        try (loaded; WorkerPool pool = new WorkerPool(t)) {
            CompiledModel model;
            if (weights == null) {
                model = new ParallelModel(p -> ModelCache.instantiate(type, new RandomInit(seed), p), pool);
            } else {
                java.util.Set<String> said = new java.util.HashSet<>();  // each replica binds the same file: warn once
                try (SafeTensorsSource source = SafeTensorsSource.open(weights, m -> { if (said.add(m)) err.println("warning: " + m); })) {
                    model = new ParallelModel(p -> ModelCache.instantiate(type, source, p), pool);
                }
            }
            err.flush();
            return run(model, x);
        }
    }

    /** The batch through the TornadoVM model, or null when it could not be built under --backend auto. */
    private Tensor onTornado(Graph g, Tensor x, Backends.Selection backend, PrintWriter err) throws WeightsException, IOException, BackendOptions.Unusable {
        int capacity = Math.min(x.dim(0), 64);
        if (weights == null) {
            CompiledModel model = backendOptions.tornado(g, backend, new RandomInit(seed), capacity);
            return model == null ? null : runAndClose(model, x);
        }
        try (SafeTensorsSource source = SafeTensorsSource.open(weights, m -> err.println("warning: " + m))) {
            CompiledModel model = backendOptions.tornado(g, backend, source, capacity);
            return model == null ? null : runAndClose(model, x);
        }
    }

    private static Tensor runAndClose(CompiledModel model, Tensor x) {
        try {
            return run(model, x);
        } finally {
            if (model instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // freeing device memory at exit: the process ends anyway
                }
            }
        }
    }

    private static Tensor run(CompiledModel model, Tensor x) {
        int n = x.dim(0);
        int[] outShape = model.outputShape();
        int[] shape = new int[outShape.length + 1];
        shape[0] = n;
        System.arraycopy(outShape, 0, shape, 1, outShape.length);
        float[] y = new float[n * model.outputSize()];
        model.run(x.data(), y, n);
        return new Tensor(shape, y);
    }

    private int usage(PrintWriter err, String message) {
        err.println("snetc run: " + message);
        err.flush();
        return Snetc.USAGE;
    }

    private static void checkWritable(Path output) throws RunException {
        java.util.Optional<String> problem = SourceArgs.unwritable(output);
        if (problem.isPresent()) throw new RunException(problem.get());
    }

    private Tensor input(Graph g) throws IOException, RunException {
        Shape s = g.inputShape();
        if (input.random) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            float[] v = new float[Math.toIntExact((long) batch * s.elements())];
            for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
            return new Tensor(new int[] {batch, s.channels(), s.height(), s.width()}, v);
        }
        Path p = input.path;
        if (!Files.isRegularFile(p)) {
            throw new RunException("cannot read " + p + ": " + (Files.isDirectory(p) ? "it is a directory; give an image or a .npy file"
                    : Files.exists(p) ? "not a regular file (a device, FIFO or socket)" : "no such file"));
        }
        if (isNpy(p)) return readNpy(p, s);
        Images.Preprocessing pre = Images.Preprocessing.imagenet(s.height());
        pre = new Images.Preprocessing(resize != null ? resize : pre.resize(),
                noNormalize ? null : mean != null ? mean : pre.mean(), noNormalize ? null : std != null ? std : pre.std());
        if (pre.mean() != null && (pre.mean().length != pre.std().length || pre.mean().length == 0)) {
            throw new RunException("--mean and --std need one value per channel");
        }
        try {
            return Images.read(p, s.channels(), s.height(), s.width(), pre);
        } catch (Images.ImageException e) {
            throw new RunException(e.getMessage());
        }
    }

    /** A float32 .npy array [N, C, H, W] (or one sample [C, H, W]) that fits the model's input. */
    static Tensor readNpy(Path p, Shape s) throws IOException, RunException {
        if (!Files.isRegularFile(p)) {
            throw new RunException("cannot read " + p + ": " + (Files.isDirectory(p) ? "it is a directory; give a .npy file"
                    : Files.exists(p) ? "not a regular file (a device, FIFO or socket)" : "no such file"));
        }
        Tensor t;
        try {
            t = Npy.read(p);
        } catch (Npy.FormatException e) {
            throw new RunException(p + ": " + e.getMessage());
        }
        int[] d = t.shape();
        if (d.length == 3) t = new Tensor(new int[] {1, d[0], d[1], d[2]}, t.data());
        d = t.shape();
        if (d.length != 4 || d[1] != s.channels() || d[2] != s.height() || d[3] != s.width() || d[0] < 1) {
            throw new RunException(p + ": array of shape " + java.util.Arrays.toString(t.shape()) + " does not fit the model's input [N, "
                    + s.channels() + ", " + s.height() + ", " + s.width() + "]");
        }
        return t;
    }

    private static boolean isNpy(Path p) throws IOException {
        byte[] head = new byte[6];
        try (var in = Files.newInputStream(p)) {
            return in.readNBytes(head, 0, 6) == 6 && head[0] == (byte) 0x93 && head[1] == 'N' && head[2] == 'U';
        }
    }

    private static List<String> readLabels(Path p) throws RunException {
        try {
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                throw new RunException("cannot read labels " + p + ": " + (Files.isDirectory(p) ? "it is a directory" : "not a regular file (a device, FIFO or socket)"));
            }
            if (Files.exists(p) && Files.size(p) > 16 << 20) throw new RunException("cannot read labels " + p + ": larger than 16 MB; one class name per line");
            return Files.readAllLines(p);
        } catch (NoSuchFileException e) {
            throw new RunException("cannot read labels " + p + ": no such file");
        } catch (IOException e) {
            throw new RunException("cannot read labels " + p + ": " + e.getMessage());
        }
    }

    static void printTop(PrintWriter out, Tensor y, List<String> labels, int top) {
        int n = y.dim(0);
        int classes = y.data().length / n;
        int k = Math.min(top, classes);
        for (int b = 0; b < n; b++) {
            float[] logits = java.util.Arrays.copyOfRange(y.data(), b * classes, (b + 1) * classes);
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits) max = Math.max(max, v);
            double sum = 0;
            for (float v : logits) sum += Math.exp(v - max);
            Integer[] order = new Integer[classes];
            for (int i = 0; i < classes; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, c) -> Float.compare(logits[c], logits[a]));
            out.println("sample " + b + ":");
            for (int r = 0; r < k; r++) {
                int c = order[r];
                String label = c < labels.size() ? "  " + labels.get(c).trim() : "";
                out.printf("  %d. class %-5d logit %10.4f  p %.4f%s%n", r + 1, c, logits[c], Math.exp(logits[c] - max) / sum, label);
            }
        }
    }
}

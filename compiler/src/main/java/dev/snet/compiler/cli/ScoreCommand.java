package dev.snet.compiler.cli;

import dev.snet.compiler.exec.WeightBinder;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.proxy.Proxy;
import dev.snet.compiler.proxy.ProxyException;
import dev.snet.compiler.util.Json;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.weights.WeightsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores an untrained model with training-free proxies: NASWOT (Mellor et al. 2021) and Zen-score (Lin et al. 2021).",
                "Both run the network in training mode (batch norm on the batch's statistics). Higher is better.",
                "Without --weights: PyTorch's default initialisation for NASWOT, ZenNAS's Gaussian one for Zen;",
                "without --input/--noise: standard-normal values; all from --seed."})
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    ConcreteModel modelFile;

    @Option(names = "--proxy", paramLabel = "naswot|zen", description = "the proxy (repeatable; default: both)")
    List<String> proxies = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "W.safetensors", description = "weights to score instead of the proxy's initialisation")
    Path weights;

    @Option(names = "--input", paramLabel = "X.npy", description = "the input batch, float32 [N, C, H, W]")
    Path input;

    @Option(names = "--noise", paramLabel = "E.npy", description = "Zen's perturbation, the input's shape")
    Path noise;

    @Option(names = "--gamma", defaultValue = "0.01", description = "Zen's perturbation size (default 0.01)")
    double gamma;

    @Option(names = "--batch", description = "batch size (default 64 for NASWOT, 16 for Zen; an --input brings its own)")
    Integer batch;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights, input and noise (default 0)")
    long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Proxy> chosen = new ArrayList<>();
        for (String name : proxies.isEmpty() ? List.of("naswot", "zen") : proxies) {
            Optional<Proxy> p = Proxy.named(name);
            if (p.isEmpty()) return usage(err, "--proxy " + name + ": no such proxy; choose naswot or zen");
            if (!chosen.contains(p.get())) chosen.add(p.get());
        }
        if (batch != null && (batch < 2 || batch > 4096)) return usage(err, "--batch must be from 2 to 4096 (the proxies compare samples)");
        if (batch != null && input != null) return usage(err, "--batch sets the size of a generated input; an --input file brings its own batch");
        if (!(gamma > 0) || !Double.isFinite(gamma)) return usage(err, "--gamma must be a positive number");
        if (noise != null && input == null) return usage(err, "--noise perturbs an --input: give both, or neither");
        Optional<Graph> graph = modelFile.graph(err);
        if (graph.isEmpty()) return Snetc.DIAGNOSTICS;
        Graph g = graph.get();
        try {
            Map<String, float[]> w = weights == null ? null : WeightBinder.bind(g, weights, m -> err.println("warning: " + m)).tensors();
            Tensor x = input == null ? null : RunCommand.readNpy(input, g.inputShape());
            Tensor e = noise == null ? null : RunCommand.readNpy(noise, g.inputShape());
            if (x != null && x.dim(0) < 2) throw new RunCommand.RunException(input + ": the proxies compare samples; give a batch of 2 or more");
            if (e != null && e.dim(0) != x.dim(0)) {
                throw new RunCommand.RunException(noise + ": " + e.dim(0) + " samples of noise for " + x.dim(0) + " of input; give one per sample");
            }
            Map<String, Object> scores = new LinkedHashMap<>();
            for (Proxy p : chosen) {
                int n = x != null ? x.dim(0) : batch != null ? batch : p.defaultBatch();
                long start = System.nanoTime();
                double score;
                if (w == null && x == null) {
                    score = p.scoreFresh(g, n, gamma, seed);
                } else {
                    float[] in = x != null ? x.data() : Proxy.normalInput(g, n, seed ^ Proxy.INPUT_STREAM);
                    float[] eps = e != null ? e.data() : Proxy.normalInput(g, n, seed ^ Proxy.NOISE_STREAM);
                    score = p.score(g, w != null ? w : p.initialWeights(g, seed), in, eps, n, gamma);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("score", Double.isFinite(score) ? score : null);
                one.put("batch", n);
                if (p == Proxy.ZEN) one.put("gamma", gamma);
                one.put("seconds", Math.round(seconds * 1e4) / 1e4);
                scores.put(p.key(), one);
                if (!json) out.printf("%-7s %14s   (batch %d, %.2f s)%n", p.key(), Double.isFinite(score) ? String.format("%.6f", score) : "-inf (K singular)", n, seconds);
            }
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("model", g.model());
                o.put("parameters", g.parameters());
                o.put("seed", seed);
                o.put("scores", scores);
                out.println(Json.write(o));
            }
            out.flush();
            return Snetc.OK;
        } catch (WeightsException | RunCommand.RunException | IOException e) {
            return modelFile.fail(err, e.getMessage());
        } catch (ProxyException e) {
            return modelFile.fail(err, "snetc score: " + e.getMessage());
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("snetc score: " + message);
        err.flush();
        return Snetc.USAGE;
    }
}

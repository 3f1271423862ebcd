package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards a performance cliff, not a timing: when the JIT's first tier gives up on a kernel
 * ("out of virtual registers", a method with too many live vectors), HotSpot can leave that method
 * in barely optimised code for good, where every vector operation allocates, and a model runs
 * fifty times slower. The kernels are kept small so that this never happens; this test runs a
 * whole model in a child JVM that reports its compilations, and fails on any kernel compilation
 * the JIT skipped. Milder, and found the same way: a kernel whose vectors the optimising compiler
 * could not keep in registers (one operation it did not inline is enough) boxes every vector it
 * computes; the model is then still fast enough to go unnoticed, but allocates megabytes per
 * inference. The child therefore also runs until an inference allocates nothing, and reports.
 */
class JitHealthTest {
    /**
     * Each model reaches kernels the others do not (CIFAR's 4x4 planes, v1's fused residuals,
     * ShuffleNetV2+'s 5x5 and 7x7 depthwise, h-swish and squeeze-and-excitation): each trap above
     * was first hit by a different model. And each vector width has kernels of its own (and the
     * JIT other instructions): every model runs at every width.
     */
    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("modelsAtEveryWidth")
    void noKernelIsLeftUncompiled(String model, String parameters, String width) throws IOException, InterruptedException {
        String log = childLog(model, parameters, width, 1);
        assertTrue(log.contains("kernels " + VectorWidths.expectedKernels(width)),
                width + ": the child's kernels are not the width's: " + log.lines().filter(l -> l.startsWith("kernels ")).toList());
        List<String> skipped = log.lines().filter(l -> l.contains("dev.snet.runtime.kernels") && l.contains("COMPILE SKIPPED")).toList();
        assertTrue(skipped.isEmpty(), width + ": kernels the JIT gave up on:\n" + String.join("\n", skipped));
        if (bytesPerInference(log).equals(List.of("bytes per inference 0"))) return;
        // Which code C2 makes of a kernel depends on the order and timing of compilations: a kernel
        // that always boxes fails every time, the rare boxing of the 8x3 tile at 512 bits (1 JVM
        // start in 36-57 alone, up to half of the first children in a test run) now and then. Each
        // failure is reported, for the follow-up issue; three children in a row fail the test.
        List<String> failures = new ArrayList<>();
        for (int attempt = 2; ; attempt++) {
            failures.add(bytesPerInference(log) + " " + allocationSites(log));
            System.err.println("JitHealthTest: " + model + " " + width + ": child " + (attempt - 1) + " did not settle: " + failures.getLast());
            if (attempt > 3) break;
            log = childLog(model, parameters, width, attempt);
            if (bytesPerInference(log).equals(List.of("bytes per inference 0"))) return;
        }
        assertEquals(List.of("bytes per inference 0"), bytesPerInference(log),
                model + " " + width + ": a warmed-up inference allocates nothing; three children did not settle: " + failures);
    }

    /** Runs {@link JitExercise} in a child JVM, keeps its log under target/jit-health, and returns it. */
    private static String childLog(String model, String parameters, String width, int attempt) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector", "-XX:+PrintCompilation"));
        command.addAll(VectorWidths.flags(width));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JitExercise.class.getName(), "6000", "60000"));
        if (model.endsWith(".snet")) command.addAll(List.of(model, parameters));
        // The child writes straight to its log file: reading a pipe would block past the timeout if the child hung.
        Path logs = Files.createDirectories(Path.of("target", "jit-health"));
        Path logFile = logs.resolve(model.replaceAll("[^A-Za-z0-9]+", "_") + "-" + width + "-" + attempt + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean finished = p.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(logFile, StandardCharsets.ISO_8859_1);
        assertTrue(finished, "the child JVM finished within 180 s; its log: " + logFile.toAbsolutePath());
        assertEquals(0, p.exitValue(), width + ": " + log.lines().filter(l -> !l.contains("::")).toList());
        assertTrue(log.contains("runs "), "the model ran");
        return log;
    }

    /** Matched anywhere in a line: the JIT's own log lines are written in pieces, and the child's report can land in the middle of one. */
    private static List<String> bytesPerInference(String log) {
        return Pattern.compile("bytes per inference \\d+").matcher(log).results().map(MatchResult::group).toList();
    }

    private static String allocationSites(String log) {
        return Pattern.compile("allocated in \\[[^]]*]").matcher(log).results().map(MatchResult::group).findFirst().orElse("");
    }

    static Stream<Arguments> modelsAtEveryWidth() {
        List<String[]> models = List.of(new String[] {"embedded ShuffleNet v2", ""}, new String[] {"models/cifar_shufflenet.snet", "groups=2"},
                new String[] {"models/shufflenet_v1.snet", "groups=3"}, new String[] {"models/shufflenet_v2_plus.snet", "size=Small"});
        return VectorWidths.onThisMachine().stream().flatMap(width -> models.stream().map(m -> Arguments.of(m[0], m[1], width)));
    }
}

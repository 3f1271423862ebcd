package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.analysis.Cost;
import dev.snet.compiler.diag.DiagnosticRenderer;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published numbers of every network in the zoo, exactly (or within the paper's rounding). */
class ZooTest {
    static final Path MODELS = Path.of("models");

    static Graph model(String file, Map<String, String> parameters) throws IOException {
        Path path = MODELS.resolve(file);
        Diagnostics d = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile(path.toString(), Files.readString(path)), path, parameters, d).orElse(null);
        assertFalse(d.hasErrors(), () -> String.join("\n", d.sorted().stream().map(new DiagnosticRenderer(false)::render).toList()));
        assertEquals(0, d.warningCount(), "no warnings in the zoo");
        return g;
    }

    /** torchvision's shufflenet_v2_x0_5 ... x2_0 (parameters as torchvision counts them). */
    @ParameterizedTest
    @CsvSource({"0.5, 1366792, 40476448", "1.0, 2278604, 144907992", "1.5, 3503624, 295759392", "2.0, 7393996, 583253464"})
    void shuffleNetV2(String width, long params, long macs) throws IOException {
        Graph g = model("shufflenet_v2.snet", Map.of("width", width));
        assertEquals(params, Cost.totalParams(g));
        assertEquals(macs, Cost.totalMacs(g));
        assertEquals(List.of(1000), g.outputShape().dims());
    }

    /** kuangliu's ShuffleNetG2 / G3 (the seed model), with integer division for the bottleneck. */
    @ParameterizedTest
    @CsvSource({"2, 887582, 39614080", "3, 862768, 38605056"})
    void cifarShuffleNet(String groups, long params, long macs) throws IOException {
        Graph g = model("cifar_shufflenet.snet", Map.of("groups", groups));
        assertEquals(params, Cost.totalParams(g));
        assertEquals(macs, Cost.totalMacs(g));
        assertEquals(List.of(10), g.outputShape().dims());
    }

    /** Table 1 of the ShuffleNet paper: complexity of ShuffleNet 1x with 1, 2, 3, 4 and 8 groups. */
    @ParameterizedTest
    @CsvSource({"1, 143.08", "2, 140.84", "3, 137.46", "4, 134.34", "8, 138.37"})
    void shuffleNetV1Table1(String groups, double megaMacs) throws IOException {
        Graph g = model("shufflenet_v1.snet", Map.of("groups", groups));
        double macs = Cost.totalMacs(g) / 1e6;
        assertTrue(Math.abs(macs - megaMacs) <= 0.005 * megaMacs, macs + " vs " + megaMacs);
    }

    /** Every documented setting of ShuffleNet v1 is a valid network: groups x scale. */
    @ParameterizedTest
    @CsvSource({"1", "2", "3", "4", "8"})
    void shuffleNetV1AllScales(String groups) throws IOException {
        for (String scale : List.of("0.25", "0.5", "1.0", "1.5", "2.0")) {
            Graph g = model("shufflenet_v1.snet", Map.of("groups", groups, "scale", scale));
            assertEquals(List.of(1000), g.outputShape().dims());
        }
    }

    /** torchvision's resnet18 (MACs measured with forward hooks on conv and linear layers). */
    @ParameterizedTest
    @CsvSource({"1000, 11689512, 1814073344"})
    void resnet18(String classes, long params, long macs) throws IOException {
        Graph g = model("resnet18.snet", Map.of("classes", classes));
        assertEquals(params, Cost.totalParams(g));
        assertEquals(macs, Cost.totalMacs(g));
    }
}

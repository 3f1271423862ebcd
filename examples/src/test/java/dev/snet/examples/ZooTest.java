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

    /**
     * ShuffleNetV2+ Small, Medium, Large: exactly what PyTorch counts on Megvii's definitions
     * (tools/megvii_models.py, forward hooks on conv and linear layers), and Megvii's README figures
     * (MFLOPs rounded, millions of parameters cut to one decimal).
     */
    @ParameterizedTest
    @CsvSource({"Small, 5137116, 155845008, 156, 5.1", "Medium, 5679840, 222249984, 222, 5.6", "Large, 6768220, 360050704, 360, 6.7"})
    void shuffleNetV2Plus(String size, long params, long macs, long publishedMegaFlops, double publishedMegaParams) throws IOException {
        Graph g = model("shufflenet_v2_plus.snet", Map.of("size", size));
        assertEquals(params, Cost.totalParams(g));
        assertEquals(macs, Cost.totalMacs(g));
        assertEquals(publishedMegaFlops, Math.round(macs / 1e6));
        assertEquals(publishedMegaParams, Math.floor(params / 1e5) / 10);
        assertEquals(List.of(1000), g.outputShape().dims());
    }

    /** The architecture SPOS found: PyTorch's count on Megvii's OneShot definition, and its README's 328M FLOPs, 3.4M params. */
    @ParameterizedTest
    @CsvSource({"3432579, 327857920"})
    void sposSearched(long params, long macs) throws IOException {
        Graph g = model("spos_searched.snet", Map.of());
        assertEquals(params, Cost.totalParams(g));
        assertEquals(macs, Cost.totalMacs(g));
        assertEquals(328, Math.round(macs / 1e6));
        assertEquals(3.4, Math.floor(params / 1e5) / 10);
    }

    /** SPOS's space: 20 units of 4 blocks each, and the searched architecture's blocks are a point in it. */
    @org.junit.jupiter.api.Test
    void sposSpace() throws IOException {
        Path path = MODELS.resolve("search/spos_space.snet");
        Diagnostics d = new Diagnostics();
        var checked = Frontend.elaborate(new SourceFile(path.toString(), Files.readString(path)), path, Map.of(), d).orElseThrow();
        assertEquals(java.math.BigInteger.valueOf(4).pow(20), checked.spaceSize().models());
        String[] kinds = {"shuffle3", "shuffle3", "xception", "shuffle5", "shuffle5", "shuffle5", "shuffle3", "shuffle3", "shuffle7", "shuffle3",
                "shuffle7", "shuffle5", "shuffle5", "shuffle3", "shuffle7", "shuffle3", "shuffle7", "shuffle5", "xception", "shuffle7"};
        Map<String, String> point = new java.util.HashMap<>();
        for (int i = 0; i < kinds.length; i++) point.put("features." + i + ".kind", kinds[i]);
        Graph g = model("search/spos_space.snet", point);
        // The searched model without its searched widths (every middle at half the unit's output).
        assertEquals(List.of(1000), g.outputShape().dims());
        assertTrue(Cost.totalMacs(g) > 300_000_000L && Cost.totalMacs(g) < 330_000_000L, "MACs " + Cost.totalMacs(g));
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

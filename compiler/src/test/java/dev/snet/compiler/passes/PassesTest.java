package dev.snet.compiler.passes;

import static dev.snet.compiler.TestModels.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.TestModels;
import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Activation;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.IrPrinter;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.runtime.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every pass keeps the model's outputs: the interpreter before and after agree within 1e-5 (relative). */
class PassesTest {
    record Case(String file, Map<String, String> parameters) {}

    static final List<Case> MODELS = List.of(
            new Case("cifar_shufflenet.snet", Map.of("groups", "2")),
            new Case("cifar_shufflenet.snet", Map.of("groups", "3")),
            new Case("shufflenet_v2.snet", Map.of("width", "0.5")),
            new Case("shufflenet_v1.snet", Map.of("groups", "3", "scale", "0.5")),
            new Case("resnet18.snet", Map.of("size", "64", "classes", "10")));

    @TestFactory
    Stream<DynamicTest> eachPassAloneKeepsOutputs() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : MODELS) {
            for (Pass p : PassManager.standard()) {
                tests.add(DynamicTest.dynamicTest(p.name() + " on " + c.file() + " " + c.parameters(), () -> {
                    Graph g = TestModels.zoo(c.file(), c.parameters());
                    RawWeights w = TestModels.weights(g, 7);
                    Tensor x = TestModels.input(g, 2, 3);
                    Graph after = p.run(g);
                    dev.snet.compiler.ir.Verifier.verify(after);
                    assertClose(Interpreter.run(g, w, x), Interpreter.run(after, w, x), 1e-5, p.name());
                }));
            }
            tests.add(DynamicTest.dynamicTest("all passes on " + c.file() + " " + c.parameters(), () -> {
                Graph g = TestModels.zoo(c.file(), c.parameters());
                RawWeights w = TestModels.weights(g, 11);
                Tensor x = TestModels.input(g, 2, 5);
                Graph after = new PassManager(PassManager.standard(), Set.of(), (a, b) -> { }).run(g);
                assertClose(Interpreter.run(g, w, x), Interpreter.run(after, w, x), 1e-5, "pipeline");
            }));
        }
        return tests.stream();
    }

    @Test
    void shuffleNetV2KeepsOnlyComputeAndViews() {
        Graph g = new PassManager(PassManager.standard(), Set.of(), (a, b) -> { }).run(TestModels.zoo("shufflenet_v2.snet", Map.of()));
        for (Node n : g.nodes()) {
            assertTrue(n.op() instanceof Op.Input || n.op() instanceof Op.Conv || n.op() instanceof Op.View || n.op() instanceof Op.MaxPool
                    || n.op() instanceof Op.GlobalAvgPool || n.op() instanceof Op.Flatten || n.op() instanceof Op.Linear, n.toString());
        }
        long views = g.nodes().stream().filter(n -> n.op() instanceof Op.View).count();
        long convs = g.nodes().stream().filter(n -> n.op() instanceof Op.Conv).count();
        assertEquals(56, convs);
        assertTrue(views <= 16 * 2, "one gather per unit for the concat-shuffle-split chain: " + views);
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof Op.View)) continue;
            for (int in : n.inputs()) assertTrue(!(g.node(in).op() instanceof Op.View), "views are composed, never chained");
        }
    }

    @Test
    void foldsBatchNormAndFusesRelu() {
        Graph g = TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2"));
        Graph folded = new FuseActivation().run(new FoldBatchNorm().run(g));
        Node conv1 = folded.nodes().get(1);
        assertEquals(new Op.Conv(24, 1, 1, 0, 1, true, Activation.RELU), conv1.op());
        assertTrue(folded.nodes().stream().noneMatch(n -> n.op() instanceof Op.BatchNorm));
    }

    @Test
    void fusesEachResidualAddIntoTheConvolutionBeforeIt() {
        Graph g = new PassManager(PassManager.standard(), Set.of(), (a, b) -> { }).run(TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2")));
        assertTrue(g.nodes().stream().noneMatch(n -> n.op() instanceof Op.Add), "every add of the CIFAR model follows a conv it can join");
        List<Node> fused = g.nodes().stream().filter(n -> n.op() instanceof Op.Conv c && c.residual()).toList();
        assertEquals(3 + 7 + 3, fused.size(), "one per stride-1 unit");
        for (Node n : fused) {
            assertEquals(Activation.RELU, ((Op.Conv) n.op()).activation(), n.name());
            assertTrue(n.name().endsWith("conv3"), n.name() + " keeps the conv's name (its weights, its profile line)");
            assertTrue(n.inputs().get(1) < n.id() && n.inputs().get(0) < n.id(), "the fused node comes after both of its inputs");
        }
    }

    @Test
    void movesAReluAfterAConcatIntoTheConvAndPastAPartThatCannotBeNegative() throws java.io.IOException {
        // The CIFAR model's stride-2 units: relu(concat(conv, avgpool(relu output))).
        Graph cifar = new PassManager(PassManager.standard(), Set.of(), (a, b) -> { }).run(TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2")));
        assertTrue(cifar.nodes().stream().noneMatch(n -> n.op() instanceof Op.Activate a && a.activation() == Activation.RELU), IrPrinter.print(cifar));

        Path dir = java.nio.file.Files.createTempDirectory("snet-relu");
        String shortcut = "model M() {\n  input x: [4, 8, 8]\n  return concat(x |> conv(4), %s |> avgpool(3, stride=1, pad=1)) |> relu\n}\n";
        for (boolean nonNegative : new boolean[] {true, false}) {
            Path file = dir.resolve(nonNegative + ".snet");
            java.nio.file.Files.writeString(file, shortcut.formatted(nonNegative ? "(x |> relu)" : "x"));
            Graph g = TestModels.load(file, Map.of());
            Graph after = new FuseActivation().run(g);
            assertEquals(!nonNegative, after.node(after.output()).op() instanceof Op.Activate a && a.activation() == Activation.RELU, "the ReLU after the concat stays only "
                    + "where a part may be negative:\n" + IrPrinter.print(after));
            assertEquals(nonNegative, after.nodes().stream().anyMatch(n -> n.op() instanceof Op.Conv c && c.activation() == Activation.RELU),
                    IrPrinter.print(after));
            RawWeights w = TestModels.weights(g, 3);
            Tensor x = TestModels.input(g, 2, 4);
            assertClose(Interpreter.run(g, w, x), Interpreter.run(after, w, x), 1e-6, "relu moved past the concat");
        }
    }

    @Test
    void dumpsTheIrAfterAPass() {
        List<String> dumped = new ArrayList<>();
        new PassManager(PassManager.standard(), Set.of("fold-bn"), (name, ir) -> dumped.add(name + "\n" + ir))
                .run(TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2")));
        assertEquals(1, dumped.size());
        assertTrue(dumped.get(0).contains("%1 = conv 1x1 +b (%0) : [24, 32, 32]  # conv1  ../examples/models/cifar_shufflenet.snet:31:"), dumped.get(0));
    }
}

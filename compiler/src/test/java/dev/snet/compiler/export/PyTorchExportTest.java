package dev.snet.compiler.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Golden;
import dev.snet.compiler.TestModels;
import dev.snet.compiler.cli.SnetcRunner;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden exports; tools/check_pytorch_export.py runs them in PyTorch against `snetc run`. */
class PyTorchExportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void tinyMatchesItsGoldenExport() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        Golden.assertMatches(GOLDEN.resolve("tiny_pytorch.py"), PyTorchExport.of(g, "tiny.snet"), "PyTorch export of tiny.snet");
    }

    @Test
    void cifarMatchesItsGoldenExport() throws Exception {
        Graph g = TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2"));
        Golden.assertMatches(GOLDEN.resolve("cifar_g2_pytorch.py"), PyTorchExport.of(g, "cifar_shufflenet.snet"), "PyTorch export of CIFAR G2");
    }

    @Test
    void everyWeightKeyIsAModuleParameterOrBuffer() {
        Graph g = TestModels.zoo("shufflenet_v2_plus.snet", Map.of("size", "Small"));
        String python = PyTorchExport.of(g, "shufflenet_v2_plus.snet");
        Set<String> layers = new TreeSet<>();
        Pattern.compile("self\\._add\\(\"([^\"]+)\"").matcher(python).results().forEach(m -> layers.add(m.group(1)));
        Set<String> withWeights = new TreeSet<>();
        for (Node n : g.nodes()) if (!n.weights().isEmpty()) withWeights.add(n.name());
        assertEquals(withWeights, layers, "one registered module per layer with weights, under the layer's name");
    }

    @Test
    void exportCommandWritesTheModuleAndChecksItsArguments(@TempDir Path dir) throws Exception {
        Path py = dir.resolve("model.py");
        SnetcRunner.Outcome o = SnetcRunner.run("export", "--format", "pytorch", "../examples/models/shufflenet_v2.snet", "-P", "width=0.5", "-o", py.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.readString(py).contains("class ShuffleNetV2(nn.Module):"));
        assertEquals(2, SnetcRunner.run("export", "--format", "onnx", "../examples/models/shufflenet_v2.snet", "-o", py.toString()).exit());
        SnetcRunner.Outcome missing = SnetcRunner.run("export", "--format", "pytorch", "../examples/models/shufflenet_v2.snet", "-o", dir.resolve("no/dir/m.py").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("error: cannot write "), missing.err());
        assertEquals(1, SnetcRunner.run("export", "--format", "pytorch", "../examples/models/search/shufflenet_v2_space.snet", "-o", py.toString()).exit(),
                "a search space needs every choice made");
    }
}

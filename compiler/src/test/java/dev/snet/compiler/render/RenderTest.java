package dev.snet.compiler.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Golden;
import dev.snet.compiler.TestModels;
import dev.snet.compiler.cli.SnetcRunner;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.passes.PassManager;
import dev.snet.compiler.plan.MemoryPlan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RenderTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static Graph optimised(Graph g) {
        return new PassManager(PassManager.standard(), Set.of(), (a, b) -> { }).run(g);
    }

    @Test
    void cifarGraphMatchesItsGoldenDot() throws Exception {
        Graph g = TestModels.zoo("cifar_shufflenet.snet", Map.of("groups", "2"));
        Golden.assertMatches(GOLDEN.resolve("cifar_g2.dot"), GraphDot.of(optimised(g), GraphDot.modelTitle(g)), "DOT of CIFAR G2 at -O2");
    }

    @Test
    void tinyGraphAsWrittenMatchesItsGoldenDot() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        Golden.assertMatches(GOLDEN.resolve("tiny_O0.dot"), GraphDot.of(g, GraphDot.modelTitle(g)), "DOT of tiny.snet at -O0");
    }

    @Test
    void viewsAreDashedAfterOptimisationOnly() {
        Graph g = TestModels.zoo("shufflenet_v2.snet", Map.of("width", "0.5"));
        String before = GraphDot.of(g, "t");
        String after = GraphDot.of(optimised(g), "t");
        assertTrue(before.contains("shuffle 2"), "the shuffle as written");
        assertFalse(after.contains("shuffle 2"), "no shuffle left once it is a view");
        assertTrue(after.contains("\\nview "), "views named as such");
        assertTrue(after.contains("dashed"));
    }

    @Test
    void planPictureIsWellFormedSvgWithOneRectanglePerBlock() throws Exception {
        Graph g = TestModels.zoo("shufflenet_v2.snet", Map.of());
        MemoryPlan plan = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).compilation().plan();
        String svg = PlanSvg.of(plan, "plan <v2> & co");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        int titled = 0;
        var rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) if (rects.item(i).getFirstChild() != null) titled++;
        assertEquals(plan.blocks().size(), titled, "one hoverable rectangle per block");
        assertTrue(svg.contains("lower bound " + PlanSvg.bytes(4L * plan.lowerBoundFloats())));
        assertTrue(svg.contains("plan &lt;v2&gt; &amp; co"), "text is escaped");
    }

    @Test
    void graphCommandWritesDotAndRefusesUnknownFormats(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        SnetcRunner.Outcome o = SnetcRunner.run("graph", "../examples/models/cifar_shufflenet.snet", "-P", "groups=2", "-O0", "-o", dot.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.readString(dot).startsWith("digraph \"ShuffleNetCifar\""));
        SnetcRunner.Outcome bad = SnetcRunner.run("graph", "../examples/models/cifar_shufflenet.snet", "-o", dir.resolve("g.pdf").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("must end in .svg, .png or .dot"), bad.err());
        SnetcRunner.Outcome both = SnetcRunner.run("graph", "../examples/models/cifar_shufflenet.snet", "-O0", "-O2", "-o", dot.toString());
        assertEquals(2, both.exit());
        assertEquals(List.of("g.dot"), Files.list(dir).map(p -> p.getFileName().toString()).toList(), "nothing else written");
    }

    @Test
    void compileDrawsThePlan(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("plan.svg");
        SnetcRunner.Outcome o = SnetcRunner.run("compile", "../examples/models/cifar_shufflenet.snet", "-P", "groups=2", "--plan", "--svg", svg.toString(),
                "--sources-only", "-o", dir.resolve("out").toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.readString(svg).startsWith("<svg "));
        assertEquals(2, SnetcRunner.run("compile", "../examples/models/cifar_shufflenet.snet", "--svg", dir.resolve("p.png").toString(), "-o", dir.toString()).exit());
    }
}

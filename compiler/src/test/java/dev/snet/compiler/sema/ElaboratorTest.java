package dev.snet.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.ir.Node;
import dev.snet.compiler.ir.Op;
import dev.snet.compiler.source.SourceFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElaboratorTest {
    static Graph graph(String text, Map<String, String> overrides) {
        Diagnostics d = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile("t.snet", text), Path.of("t.snet"), overrides, d).orElse(null);
        assertFalse(d.hasErrors(), () -> d.sorted().toString());
        return g;
    }

    static List<String> weightKeys(Graph g) {
        return g.nodes().stream().flatMap(n -> n.inputs().isEmpty() ? java.util.stream.Stream.<String>empty()
                : n.op().parameters(g.node(n.inputs().get(0)).shape()).stream().map(n::weightKey)).toList();
    }

    @Test
    void integerAndFloatArithmetic() {
        Graph g = graph("""
                model M(w: float = 0.5) {
                  input x: [3, 8, 8]
                  let a = 7 // 2 + 7 % 3 * 10        # 3 + 10
                  let b = round(24 * w) + int(2.9)    # 12 + 2
                  let c = if a > b then max(a, b) else min(a, b, 100)
                  let d = [1, 2, [3, 4]][2][1] * len([0, 0])
                  let e = make_divisible(116 * w, 8)  # 56
                  return x |> conv(a + b + c + d + e)
                }
                """, Map.of());
        assertEquals(13 + 14 + 13 + 8 + 56, g.outputShape().channels());
    }

    @Test
    void shapesThroughTheOps() {
        Graph g = graph("""
                model M {
                  input x: [3, 33, 33]
                  a = x |> conv(8, 3, stride=2)                 # 17
                  b = a |> maxpool(3, stride=2, pad=1)          # 9
                  c = b |> avgpool(2)                           # 4
                  return c |> global_avgpool |> flatten |> fc(5) |> softmax
                }
                """, Map.of());
        List<Node> n = g.nodes();
        assertEquals(List.of(8, 17, 17), n.get(1).shape().dims());
        assertEquals(List.of(8, 9, 9), n.get(2).shape().dims());
        assertEquals(List.of(8, 4, 4), n.get(3).shape().dims());
        assertEquals(List.of(5), g.outputShape().dims());
    }

    @Test
    void seqRepeatAndLabelsGiveTorchKeys() {
        Graph g = graph("""
                block unit(out: int) {
                  return in |> branch2: seq { conv(out) |> bn |> relu }
                }
                model M {
                  input x: [4, 8, 8]
                  x = x |> bn1: bn
                  stage2: repeat 2 as i {
                    x = x |> unit(4)
                  }
                  return x |> global_avgpool |> flatten |> classifier: seq { fc(3) }
                }
                """, Map.of());
        assertEquals(List.of("bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "stage2.0.branch2.0.weight", "stage2.0.branch2.1.weight", "stage2.0.branch2.1.bias",
                "stage2.0.branch2.1.running_mean", "stage2.0.branch2.1.running_var",
                "stage2.1.branch2.0.weight", "stage2.1.branch2.1.weight", "stage2.1.branch2.1.bias",
                "stage2.1.branch2.1.running_mean", "stage2.1.branch2.1.running_var",
                "classifier.0.weight", "classifier.0.bias"), weightKeys(g));
    }

    @Test
    void splitIntoSizesAndConcat() {
        Graph g = graph("""
                model M {
                  input x: [10, 4, 4]
                  a, b = split(x, [3, 7])
                  return concat(b, a, b)
                }
                """, Map.of());
        Node a = g.nodes().get(1);
        assertEquals(new Op.Slice(0, 3), a.op());
        assertEquals(new Op.Slice(3, 7), g.nodes().get(2).op());
        assertEquals(17, g.outputShape().channels());
    }

    @Test
    void parametersFromTheCommandLine() {
        String text = """
                model M(c: int = 4, act: "relu" | "relu6" = "relu", scale: float = 1.0, deep: bool = false) {
                  input x: [3, 8, 8]
                  x = x |> conv(round(c * scale))
                  if deep {
                    x = x |> conv(c)
                  }
                  if act == "relu6" {
                    x = x |> relu6
                  }
                  return x
                }
                """;
        Graph g = graph(text, Map.of("c", "6", "act", "relu6", "scale", "2", "deep", "true"));
        assertEquals(6, g.outputShape().channels());
        assertTrue(g.nodes().stream().anyMatch(n -> n.op() instanceof Op.Activate a && a.activation() == dev.snet.compiler.ir.Activation.RELU6));
        assertEquals(Map.of("c", "6", "act", "relu6", "scale", "2.0", "deep", "true"), g.parameters());
    }

    @Test
    void perUnitChoicesAreNamedByScope() {
        String text = """
                block unit() {
                  let k = choice [3, 5]
                  return in |> dwconv(k)
                }
                model M {
                  input x: [4, 8, 8]
                  s: repeat 2 as i {
                    x = x |> unit
                  }
                  return x
                }
                """;
        Graph g = graph(text, Map.of("s.0.k", "5", "s.1.k", "3"));
        assertEquals(new Op.Conv(4, 5, 1, 2, 4, false, dev.snet.compiler.ir.Activation.NONE), g.nodes().get(1).op());
        assertEquals(new Op.Conv(4, 3, 1, 1, 4, false, dev.snet.compiler.ir.Activation.NONE), g.nodes().get(2).op());
    }

    @Test
    void hugeRepeatsAreStoppedWithADiagnostic() {
        Diagnostics d = new Diagnostics();
        String text = """
                model M {
                  input x: [3, 8, 8]
                  repeat 10000 { repeat 10000 { let a = 1 } }
                  return x
                }
                """;
        Frontend.concrete(new SourceFile("t.snet", text), Path.of("t.snet"), Map.of(), d);
        assertTrue(d.hasErrors());
        assertTrue(d.sorted().get(0).message().contains("too large"), d.sorted().get(0).message());
    }
}

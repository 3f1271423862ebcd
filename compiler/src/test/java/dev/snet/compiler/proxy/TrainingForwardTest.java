package dev.snet.compiler.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snet.compiler.TestModels;
import dev.snet.compiler.exec.Interpreter;
import dev.snet.compiler.exec.RawWeights;
import dev.snet.compiler.ir.Graph;
import dev.snet.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training-mode pass against the interpreter, on a network where the two compute the same thing. */
class TrainingForwardTest {
    @Test
    void aFlattenReadElementByElementIsCopied() {
        Graph g = TestModels.load(Path.of("src/test/resources/models/flatten_fc.snet"), Map.of());
        RawWeights w = TestModels.weights(g, 3);
        Tensor x = TestModels.input(g, 2, 4);
        Tensor expected = Interpreter.run(g, w, x);
        TrainingForward pass = new TrainingForward(g, w.tensors(), 2, List.of(g.output()), List.of(g.output()));
        pass.run(x.data(), new TrainingForward.Listener() {});
        int[][] planes = pass.planes(g.output());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(expected.data()[b * 4 + c], pass.arena()[planes[b][c]], 1e-5f, "image " + b + ", output " + c);
            }
        }
    }
}

package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.cli.Snetc;
import dev.snet.runtime.Tensor;
import dev.snet.runtime.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * `snetc run --random` works for every model of the zoo at every documented parameter setting, and
 * the compiled model (the default) agrees with the reference interpreter within 1e-5 (relative).
 */
class ZooRunTest {
    @TempDir
    Path tmp;

    record Setting(String model, List<String> parameters, int classes) {}

    static List<Setting> settings() {
        List<Setting> s = new ArrayList<>();
        for (String g : List.of("1", "2", "3", "4", "8")) {
            for (String scale : List.of("0.25", "0.5", "1.0", "1.5", "2.0")) {
                s.add(new Setting("shufflenet_v1.snet", List.of("groups=" + g, "scale=" + scale), 1000));
            }
        }
        for (String w : List.of("0.5", "1.0", "1.5", "2.0")) s.add(new Setting("shufflenet_v2.snet", List.of("width=" + w), 1000));
        s.add(new Setting("shufflenet_v2.snet", List.of("classes=10"), 10));
        s.add(new Setting("cifar_shufflenet.snet", List.of("groups=2"), 10));
        s.add(new Setting("cifar_shufflenet.snet", List.of("groups=3"), 10));
        s.add(new Setting("resnet18.snet", List.of(), 1000));
        s.add(new Setting("resnet18.snet", List.of("classes=100", "size=64"), 100));
        List<String> space = new ArrayList<>(List.of("width=1.0", "depth2=2", "depth3=4", "depth4=2"));
        for (String unit : List.of("stage2.0", "stage2.1", "stage3.0", "stage3.1", "stage3.2", "stage3.3", "stage4.0", "stage4.1")) {
            space.add(unit + ".kernel=" + (unit.endsWith("1") ? "5" : "3"));
        }
        s.add(new Setting("search/shufflenet_v2_space.snet", space, 10));
        return s;
    }

    private Tensor run(Setting s, boolean interpret) throws Exception {
        Path out = tmp.resolve(interpret ? "interpreted.npy" : "compiled.npy");
        List<String> args = new ArrayList<>(List.of("run", ZooTest.MODELS.resolve(s.model()).toString(), "--random", "--batch", "2",
                "--output", out.toString(), "--top", "0"));
        if (interpret) args.add("--interpret");
        for (String p : s.parameters()) args.addAll(List.of("-P", p));
        StringWriter err = new StringWriter();
        int exit = Snetc.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        return Npy.read(out);
    }

    @TestFactory
    Stream<DynamicTest> everySettingRuns() {
        return settings().stream().map(s -> DynamicTest.dynamicTest(s.model() + " " + s.parameters(), () -> {
            Tensor compiled = run(s, false);
            Tensor interpreted = run(s, true);
            assertArrayEquals(new int[] {2, s.classes()}, compiled.shape());
            for (float v : compiled.data()) assertTrue(Float.isFinite(v), "finite outputs");
            PyTorchFixtureTest.assertClose(interpreted, compiled, 1e-5f, "compiled vs interpreted");
        }));
    }
}

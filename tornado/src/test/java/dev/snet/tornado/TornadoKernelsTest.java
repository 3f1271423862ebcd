package dev.snet.tornado;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.snet.compiler.Frontend;
import dev.snet.compiler.codegen.ModelCache;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.diag.Diagnostics;
import dev.snet.compiler.ir.Graph;
import dev.snet.compiler.source.SourceFile;
import dev.snet.runtime.CompiledModel;
import dev.snet.runtime.backend.DeviceId;
import dev.snet.runtime.weights.RandomInit;
import dev.snet.runtime.weights.WeightSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each kind of kernel against the CPU target, on networks small enough to read when one fails:
 * grouped convolutions reading a gathered (shuffled) input, pooling beside a concat, fused and
 * stand-alone residual adds, and the compiler's network of every kernel, optimised and at -O0;
 * each a batch of 3 through a model built for 2, so in two launches of different sizes.
 */
class TornadoKernelsTest {
    static final List<String> SMALL = List.of(
            "model Grouped { input x: [8, 8, 8]\n return x |> c: conv(16, groups=2) |> b: bn }",
            "model Pool { input x: [8, 8, 8]\n return x |> avgpool(3, stride=2, pad=1) }",
            "model PoolExcludingPad { input x: [8, 7, 7]\n return x |> avgpool(3, stride=2, pad=1, count_include_pad=false) |> maxpool(2, stride=1, pad=1) }",
            // The fused conv's residual is a computed value read last there: the conv writes over it (TornadoPlanPolicy).
            "model OverResidual { input x: [8, 8, 8]\n x = x |> s: conv(8) |> sb: bn |> relu\n"
                    + " y = x |> c: conv(8, groups=2) |> b: bn |> relu |> d: conv(8) |> e: bn\n return add(y, x) |> relu }",
            "model PoolConcat { input x: [8, 8, 8]\n y = x |> c: conv(8, stride=2)\n return concat(y, x |> avgpool(3, stride=2, pad=1)) |> relu }",
            "model ShuffledDepthwise { input x: [8, 8, 8]\n return x |> c: conv(8, groups=2) |> shuffle(2) |> d: dwconv(3) |> b: bn }",
            "model Residual { input x: [8, 8, 8]\n y = x |> c: conv(8, groups=2) |> b: bn\n return add(y, x) |> relu }",
            "model FlattenElementwise { input x: [2, 3, 3]\n y = x |> flatten |> relu\n z = x |> c: conv(2) |> flatten\n return add(y, z) |> softmax }",
            "model V1Unit { input x: [8, 8, 8]\n y = x |> c: conv(8) |> b: bn |> relu |> shuffle(2) |> d: dwconv(3) |> e: bn"
                    + " |> f: conv(8, groups=2) |> g: bn\n return add(y, x) |> relu }");

    @TestFactory
    Stream<DynamicTest> everyKernelMatchesTheCpu() throws Exception {
        Path ops = Path.of(System.getProperty("snet.test.models", "../compiler/src/test/resources/models")).resolve("tornado_ops.snet");
        List<String> models = new java.util.ArrayList<>(SMALL);
        models.add(Files.readString(ops));
        return models.stream().flatMap(text -> Stream.of(true, false).map(optimise -> DynamicTest.dynamicTest(
                text.split("[ (]")[1] + (optimise ? "" : " -O0"), () -> check(text, optimise))));
    }

    private static void check(String text, boolean optimise) throws Exception {
        Diagnostics d = new Diagnostics();
        Graph g = Frontend.concrete(new SourceFile("kernels.snet", text), Path.of("kernels.snet"), Map.of(), d).orElse(null);
        assertFalse(d.hasErrors(), text);
        ModelCompiler.Options o = ModelCompiler.Options.defaults(g);
        o = new ModelCompiler.Options(optimise, false, o.packageName(), o.className(), o.dumpAfter(), o.dump());
        CompiledModel cpu = ModelCache.instantiate(ModelCache.standard().load(ModelCompiler.compile(g, o, Targets.CPU).source()).type(), new RandomInit(3));
        var type = ModelCache.standard().load(ModelCompiler.compile(g, o, Targets.TORNADO).source(), Targets.TORNADO.toolchain()).type();
        float[] x = new float[3 * cpu.inputSize()];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] expected = new float[3 * cpu.outputSize()], actual = new float[expected.length];
        cpu.run(x, expected, 3);
        // A capacity of 2 runs the batch of 3 in two parts, resizing the launch between them.
        try (TornadoModel m = (TornadoModel) type.getConstructor(WeightSource.class, DeviceId.class, int.class).newInstance(new RandomInit(3), null, 2)) {
            m.run(x, actual, 3);
        }
        int n = cpu.outputSize();
        for (int b = 0; b < 3; b++) TornadoEquivalenceTest.assertClose(expected, b * n, actual, b * n, n, g.model() + " sample " + b);
    }
}

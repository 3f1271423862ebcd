package dev.snet.compiler.codegen.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snet.compiler.Golden;
import dev.snet.compiler.TestModels;
import dev.snet.compiler.codegen.ModelCompiler;
import dev.snet.compiler.codegen.Targets;
import dev.snet.compiler.codegen.Toolchain;
import dev.snet.compiler.ir.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TornadoVM target without TornadoVM: its emitted source (golden, a network with every kind of
 * kernel), its packed memory plan, and what it says when the SDK or snet's tornado module is missing.
 * Running the emitted code needs TornadoVM: the tornado module's tests do (-Ptornado).
 */
class TornadoTargetTest {
    static final Path MODEL = Path.of("src/test/resources/models/tornado_ops.snet");

    @Test
    void emittedSourceMatchesTheGoldenFile() throws Exception {
        Graph g = TestModels.load(MODEL, Map.of());
        String source = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.TORNADO).source().toString();
        Golden.assertMatches(Path.of("src/test/resources/golden/TornadoOps.java"), source, "the TornadoVM source of tornado_ops.snet");
    }

    @Test
    void unoptimisedModelsCopyTheirViews() throws Exception {
        Graph g = TestModels.load(MODEL, Map.of());
        ModelCompiler.Options o = ModelCompiler.Options.defaults(g);
        String source = ModelCompiler.compile(g, new ModelCompiler.Options(false, false, o.packageName(), o.className(), o.dumpAfter(), o.dump()),
                Targets.TORNADO).source().toString();
        assertTrue(source.contains("shuffle 2 ->") && source.contains("concat ->"), "a kernel per shuffle and concat at -O0");
        assertTrue(source.contains("w.get("), "batch norm reads its scale and shift from the packed weights");
    }

    @Test
    void planesArePacked() throws Exception {
        Graph g = TestModels.load(Path.of("src/test/resources/models/tiny.snet"), Map.of());
        var tornado = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.TORNADO).compilation().plan();
        var cpu = ModelCompiler.compile(g, ModelCompiler.Options.defaults(g), Targets.CPU).compilation().plan();
        assertTrue(tornado.arenaFloats() <= cpu.arenaFloats(), "no cache-line padding: " + tornado.arenaFloats() + " vs " + cpu.arenaFloats());
    }

    @Test
    void withoutTheSdkTheToolchainSaysWhatIsMissing(@TempDir Path tmp) throws Exception {
        Toolchain none = TornadoSdk.toolchain(null, null);
        assertTrue(none.missing().orElseThrow().contains("set TORNADOVM_HOME"), none.missing().orElseThrow());

        Toolchain empty = TornadoSdk.toolchain(tmp, null);
        assertTrue(empty.missing().orElseThrow().contains("holds no tornado-api jar"), empty.missing().orElseThrow());

        Path jars = Files.createDirectories(tmp.resolve("share/java/tornado"));
        Files.writeString(jars.resolve("tornado-api-1.0.jar"), "");
        Toolchain noModule = TornadoSdk.toolchain(tmp, null);
        assertTrue(noModule.missing().orElseThrow().contains("-Ptornado install"), noModule.missing().orElseThrow());

        Path classes = Files.createDirectories(tmp.resolve("classes/dev/snet/tornado"));
        Files.writeString(classes.resolve("TornadoModel.class"), "");
        Toolchain ready = TornadoSdk.toolchain(tmp, classes.resolve("TornadoModel.class").toUri().toURL());
        assertTrue(ready.missing().isEmpty());
        assertEquals(List.of(tmp.resolve("classes").toString(), jars.resolve("tornado-api-1.0.jar").toString()), ready.classpath().subList(1, 3));
    }

    @Test
    void targetsAreFoundByName() {
        assertEquals(List.of("cpu", "tornado"), Targets.names());
        assertEquals("tornado", Targets.named("tornado").orElseThrow().name());
        assertTrue(Targets.named("gpu").isEmpty());
    }
}

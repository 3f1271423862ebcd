package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend choice where TornadoVM is absent (as in CI: snet's tornado module is not on this
 * class path): auto falls back to the CPU saying why, tornado is a clear error, compile --target
 * tornado names what is missing and leaves nothing behind, devices says TornadoVM is absent.
 */
class BackendCommandsTest {
    static final String MODEL = "src/test/resources/models/tiny.snet";

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    static Result snetc(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Snetc.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void autoRunsOnTheCpuAndSaysWhy() {
        Result r = snetc("run", MODEL, "--random", "--top", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("backend: cpu (auto: ")), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("backend:")).count(), "one notice line");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theCpuBackendSaysNothing() {
        Result r = snetc("run", MODEL, "--random", "--top", "1", "--backend", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("backend"), r.err());
    }

    @Test
    void tornadoWithoutTornadoVmIsAClearError() {
        for (String command : List.of("run", "bench")) {
            List<String> args = command.equals("run") ? List.of("run", MODEL, "--random", "--backend", "tornado")
                    : List.of("bench", MODEL, "--backend", "tornado", "--iterations", "1", "--warmup", "0");
            Result r = snetc(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("cannot run on TornadoVM: "), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void aDeviceNeedsTornadoVm() {
        Result cpu = snetc("run", MODEL, "--random", "--backend", "cpu", "--device", "0:0");
        assertEquals(1, cpu.exit(), cpu.err());
        assertTrue(cpu.err().contains("the cpu backend has none"), cpu.err());
        Result bad = snetc("run", MODEL, "--random", "--device", "gpu0");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("'gpu0' is not a device: write backend:device, such as 0:0"), bad.err());
        Result backend = snetc("run", MODEL, "--random", "--backend", "cuda");
        assertEquals(2, backend.exit(), backend.err());
        assertTrue(backend.err().contains("'cuda' is not a backend: use auto, cpu or tornado"), backend.err());
    }

    @Test
    void devicesSaysTornadoVmIsAbsent() {
        Result r = snetc("devices");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("snetc devices: ") && r.err().contains("models run on the CPU"), r.err());
    }

    @Test
    void compilingForTornadoNamesWhatIsMissingAndLeavesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Result r = snetc("compile", MODEL, "-o", out.toString(), "--target", "tornado");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("TORNADOVM_HOME") || r.err().contains("snet-tornado"), r.err());
        assertFalse(Files.exists(out), "nothing written, not even the output directory");
        Result sources = snetc("compile", MODEL, "-o", out.toString(), "--target", "tornado", "--sources-only");
        assertEquals(0, sources.exit(), sources.err());
        assertTrue(Files.readString(out.resolve("snet/models/Tiny.java")).contains("extends TornadoModel"));
        Result unknown = snetc("compile", MODEL, "-o", out.toString(), "--target", "gpu");
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("targets: cpu, tornado"), unknown.err());
    }
}

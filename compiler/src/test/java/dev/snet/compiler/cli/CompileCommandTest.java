package dev.snet.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
    static final String TINY = "src/test/resources/models/tiny.snet";

    @TempDir
    Path tmp;

    @Test
    void writesSourcesAndClasses() throws Exception {
        SnetcRunner.Outcome o = SnetcRunner.run("compile", TINY, "-o", tmp.toString(), "--package", "acme.models", "--class", "TinyNet");
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(tmp.resolve("acme/models/TinyNet.java")));
        assertTrue(Files.isRegularFile(tmp.resolve("classes/acme/models/TinyNet.class")));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".snetc-")), "no work directory left");
        }
    }

    @Test
    void twoCompilesGiveIdenticalBytes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, SnetcRunner.run("compile", TINY, "-o", a.toString(), "--jar").exit());
        assertEquals(0, SnetcRunner.run("compile", TINY, "-o", b.toString(), "--jar").exit());
        assertArrayEquals(Files.readAllBytes(a.resolve("snet/models/Tiny.java")), Files.readAllBytes(b.resolve("snet/models/Tiny.java")));
        assertArrayEquals(Files.readAllBytes(a.resolve("Tiny.jar")), Files.readAllBytes(b.resolve("Tiny.jar")));
    }

    @Test
    void printsThePlan() {
        SnetcRunner.Outcome text = SnetcRunner.run("compile", TINY, "-o", tmp.toString(), "--plan", "--sources-only");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("lower bound"), text.out());
        assertTrue(text.out().contains("conv1"), text.out());
        SnetcRunner.Outcome json = SnetcRunner.run("compile", TINY, "-o", tmp.toString(), "--plan", "--json", "--sources-only");
        assertTrue(json.out().startsWith("{\"naive_bytes\": "), json.out());
        assertTrue(json.out().contains("\"blocks\": [{\"name\": \"x\""), json.out());
    }

    @Test
    void dumpsIrAfterAPass() {
        SnetcRunner.Outcome o = SnetcRunner.run("compile", TINY, "-o", tmp.toString(), "--sources-only", "--dump-ir=after:fold-bn");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("--- IR after fold-bn ---\ngraph Tiny"), o.out());
        SnetcRunner.Outcome bad = SnetcRunner.run("compile", TINY, "-o", tmp.toString(), "--dump-ir=after:nothing");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("passes: input, fold-bn"), bad.err());
    }

    @Test
    void errorsLeaveNothingBehind() {
        Path out = tmp.resolve("out");
        SnetcRunner.Outcome o = SnetcRunner.run("compile", "src/test/resources/diagnostics/float_channels.snet", "-o", out.toString());
        assertEquals(1, o.exit());
        assertFalse(Files.exists(out));
        assertEquals(2, SnetcRunner.run("compile", TINY, "-o", out.toString(), "--class", "not-a-name").exit());
        assertEquals(2, SnetcRunner.run("compile", TINY).exit());
    }
}

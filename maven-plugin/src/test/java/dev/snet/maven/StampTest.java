package dev.snet.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTest {
    @Test
    void holdsUntilAnInputOrTheOutputChanges(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.snet"), "import \"lib.snet\"\n");
        Path lib = Files.writeString(dir.resolve("lib.snet"), "block b() { return in }\n");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("p"));
        Files.writeString(out.resolve("p/M.java"), "class M {}");
        Stamp stamp = Stamp.of("p/M.java", List.of(model, lib));
        Path file = dir.resolve("stamps/k.stamp");
        stamp.write(file);
        Stamp read = Stamp.read(file);
        assertEquals(stamp, read);
        assertTrue(read.holds(out));

        Files.writeString(lib, "block b() { return in |> relu }\n");
        assertFalse(read.holds(out), "an import changed");
        Stamp.of("p/M.java", List.of(model, lib)).write(file);
        assertTrue(Stamp.read(file).holds(out));

        Files.delete(out.resolve("p/M.java"));
        assertFalse(Stamp.read(file).holds(out), "the generated class is gone");
    }

    @Test
    void aLibraryHasNoOutputToLose(@TempDir Path dir) throws Exception {
        Path lib = Files.writeString(dir.resolve("lib.snet"), "block b() { return in }\n");
        Stamp stamp = Stamp.of(Stamp.library(), List.of(lib));
        assertTrue(stamp.holds(dir.resolve("nowhere")), "a library generates nothing, so no output is checked");
        Files.delete(lib);
        assertFalse(stamp.holds(dir), "a deleted input no longer matches");
    }
}

package dev.snet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path p, String text) throws IOException {
        AtomicFiles.write(p, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileGetsTheUmaskLikeAnyOther() throws Exception {
        Path reference = dir.resolve("reference");
        Files.newOutputStream(reference).close();
        Path p = dir.resolve("new.npy");
        write(p, "x");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(p));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws Exception {
        Path p = Files.writeString(dir.resolve("old.npy"), "old");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        write(p, "new");
        assertEquals("new", Files.readString(p));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }

    @Test
    void aLinkIsFollowedAndStaysALink() throws Exception {
        Path target = Files.writeString(dir.resolve("target.npy"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), Path.of("target.npy"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.npy"), Path.of("made.npy"));
        write(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("made.npy")));
    }

    @Test
    void devNullIsWrittenThroughNotReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        write(devNull, "discarded");
        assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
        assertTrue(Files.exists(devNull));
    }

    @Test
    void aFifoIsWrittenThrough() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        write(fifo, "through");
        assertEquals("through", read.get(10, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path p = Files.writeString(dir.resolve("keep.npy"), "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(p, o -> {
            o.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("keep.npy"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertThrows(IOException.class, () -> write(dir, "a directory"));
    }
}

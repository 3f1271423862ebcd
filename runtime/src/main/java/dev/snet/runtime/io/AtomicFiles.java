package dev.snet.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an output file whole or not at all, the way users expect of a tool's {@code -o}: a new
 * path or a regular file is replaced atomically (a temporary file beside it, then a rename), keeping
 * the mode of a file it replaces and the umask for a new one; a symbolic link is followed and its
 * target replaced; a device, FIFO or socket ({@code /dev/null}, {@code /dev/stdout}) is written
 * through, never replaced.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path path = resolveLinks(target);
        if (Files.isDirectory(path)) throw new FileSystemException(target.toString(), null, "is a directory");
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE))) {
                writer.write(out);
            }
            return;
        }
        removeLeftovers(path.toAbsolutePath().getParent(), "." + path.getFileName() + ".*.tmp");
        Set<PosixFilePermission> mode = Files.isRegularFile(path) && posix(path) ? Files.getPosixFilePermissions(path) : null;
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + path.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
        try {
            // CREATE_NEW without attributes: the new file gets the process's umask, as the shell's > does.
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                writer.write(out);
            }
            if (mode != null) Files.setPosixFilePermissions(tmp, mode);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes what killed runs left in {@code dir} (temporary files or build directories matching
     * {@code glob}) once it is an hour old: younger ones may belong to a run still going.
     * Best effort: what cannot be removed now is tried again next time.
     */
    public static void removeLeftovers(Path dir, String glob) {
        if (!Files.isDirectory(dir)) return;
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (var entries = Files.newDirectoryStream(dir, glob)) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() >= hourAgo) continue;
                try (var tree = Files.walk(p)) {
                    for (Path x : tree.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
                }
            }
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // left for the next run
        }
    }

    /** What a write to {@code target} reaches: the file at the end of its chain of links (dangling or not). */
    static Path resolveLinks(Path target) throws IOException {
        Path p = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
            p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) != null;
    }
}

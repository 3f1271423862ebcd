package dev.snet.compiler.cli;

import dev.snet.compiler.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a source file named on the command line, explaining in one line why when it cannot. */
final class SourceArgs {
    private SourceArgs() {}

    static Optional<SourceFile> read(Path path, PrintWriter err, DiagnosticOptions format) {
        try {
            if (Files.isDirectory(path)) {
                format.fail(err, path + " is a directory, not a .snet file");
                return Optional.empty();
            }
            return Optional.of(new SourceFile(display(path), dev.snet.compiler.syntax.Loader.read(path)));
        } catch (NoSuchFileException e) {
            format.fail(err, "cannot read " + path + ": no such file");
        } catch (CharacterCodingException e) {
            format.fail(err, "cannot read " + path + ": not UTF-8 text");
        } catch (IOException e) {
            format.fail(err, "cannot read " + path + ": " + reason(e));
        }
        return Optional.empty();
    }

    /** Why {@code output} cannot be written, checked before any work is done; empty when it can. */
    static Optional<String> unwritable(Path output) {
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return Optional.of("cannot write " + output + ": no such directory " + dir);
        if (Files.isDirectory(output)) return Optional.of("cannot write " + output + ": it is a directory");
        return Optional.empty();
    }

    /** Prints {@code error: message} and gives the exit code for an error in the user's input. */
    static int error(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return Snetc.DIAGNOSTICS;
    }

    /** Why an I/O operation failed, in words: the file system's reason, not just the path again. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof java.nio.file.FileSystemException) return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : path.toString();
    }
}

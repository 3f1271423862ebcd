package dev.snet.compiler.cli;

import dev.snet.compiler.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a source file named on the command line, explaining in one line why when it cannot. */
final class SourceArgs {
    private SourceArgs() {}

    static Optional<SourceFile> read(Path path, PrintWriter err) {
        try {
            if (Files.isDirectory(path)) {
                err.println("error: " + path + " is a directory, not a .snet file");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);  // editors on some systems start UTF-8 files with a BOM
            return Optional.of(new SourceFile(display(path), text));
        } catch (NoSuchFileException e) {
            err.println("error: cannot read " + path + ": no such file");
        } catch (CharacterCodingException e) {
            err.println("error: cannot read " + path + ": not UTF-8 text");
        } catch (IOException e) {
            err.println("error: cannot read " + path + ": " + reason(e));
        }
        err.flush();
        return Optional.empty();
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

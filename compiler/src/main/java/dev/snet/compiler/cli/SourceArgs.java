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
            return Optional.of(new SourceFile(display(path), text));
        } catch (NoSuchFileException e) {
            err.println("error: cannot read " + path + ": no such file");
        } catch (CharacterCodingException e) {
            err.println("error: cannot read " + path + ": not UTF-8 text");
        } catch (IOException e) {
            err.println("error: cannot read " + path + ": " + e.getMessage());
        }
        err.flush();
        return Optional.empty();
    }

    static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : path.toString();
    }
}

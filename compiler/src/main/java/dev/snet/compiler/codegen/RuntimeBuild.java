package dev.snet.compiler.codegen;

import dev.snet.runtime.CompiledModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which build of the runtime generated classes are compiled against: its jar's size and time, or
 * for a classes directory (a development build) the newest class file. Part of the model cache's key.
 */
final class RuntimeBuild {
    private RuntimeBuild() {}

    static final String ID = identify();

    private static String identify() {
        try {
            Path where = Path.of(CompiledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(where)) return where.getFileName() + " " + Files.size(where) + " " + Files.getLastModifiedTime(where).toMillis();
            try (Stream<Path> files = Files.walk(where)) {
                long newest = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
                return "classes " + newest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

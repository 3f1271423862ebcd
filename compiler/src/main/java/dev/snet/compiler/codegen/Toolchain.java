package dev.snet.compiler.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What javac needs to compile a target's generated class: the class path (always the runtime, for
 * TornadoVM also snet's tornado module and the SDK's jars) or, when the set-up lacks something, a
 * sentence saying what and how to get it.
 */
public record Toolchain(List<String> classpath, Optional<String> missing) {
    public Toolchain {
        classpath = List.copyOf(classpath);
    }

    /** Only the runtime snetc carries: the CPU target's. */
    public static Toolchain runtimeOnly() { return new Toolchain(List.of(JavaCompilation.runtimeClasspath()), Optional.empty()); }

    public static Toolchain missing(String what) { return new Toolchain(List.of(), Optional.of(what)); }

    /**
     * Which builds of the class path beyond the runtime this is (each jar's size and time, a
     * directory's newest file), for the model cache's key: a class compiled against a rebuilt
     * tornado module or another SDK is compiled again. The runtime has its own ({@code RuntimeBuild}).
     */
    public String identity() {
        StringBuilder id = new StringBuilder();
        for (String entry : classpath.subList(Math.min(1, classpath.size()), classpath.size())) {
            Path p = Path.of(entry);
            try {
                long stamp;
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.walk(p)) {
                        stamp = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
                    }
                } else {
                    stamp = Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis();
                }
                id.append(entry).append(' ').append(stamp).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return id.toString();
    }
}

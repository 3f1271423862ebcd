package dev.snet.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The target seam holds: the planner and the code generator's common classes name no target's kernels. */
class SeamTest {
    static final Path MAIN = Path.of("src/main/java/dev/snet/compiler");

    @Test
    void commonCodeNamesNoKernelClass() throws IOException {
        List<String> offenders;
        try (Stream<Path> plan = Files.list(MAIN.resolve("plan")); Stream<Path> codegen = Files.list(MAIN.resolve("codegen"))) {
            offenders = Stream.concat(plan, codegen).filter(Files::isRegularFile)
                    .filter(f -> read(f).contains("dev.snet.runtime.kernels") || read(f).contains("uk.ac.manchester.tornado"))
                    .map(f -> MAIN.relativize(f).toString()).sorted().toList();
        }
        assertEquals(List.of(), offenders, "plan/ and codegen/ (outside a target's package) depend on no kernel: targets decide");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

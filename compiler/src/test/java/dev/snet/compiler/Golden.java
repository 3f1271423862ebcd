package dev.snet.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs kept in files. A missing file fails the test: creating it silently would let a
 * test pass that checks nothing. {@code -Dsnet.golden.update=true} rewrites them after a deliberate change.
 */
public final class Golden {
    private Golden() {}

    public static void assertMatches(Path golden, String actual, String what) throws IOException {
        if (Boolean.getBoolean("snet.golden.update")) {
            Files.createDirectories(golden.toAbsolutePath().getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        if (!Files.exists(golden)) {
            fail(what + ": the expected output " + golden + " is missing; create it with -Dsnet.golden.update=true and review it");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, what + " (expected: " + golden + ")");
    }
}

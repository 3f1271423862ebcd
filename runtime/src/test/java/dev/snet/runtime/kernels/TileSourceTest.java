package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed tile classes are what their templates generate; -Dsnet.regenerate=true rewrites them. */
class TileSourceTest {
    @Test
    void committedTilesAreTheTemplatesOutput() throws IOException {
        for (Map.Entry<Path, String> file : TileSource.files().entrySet()) {
            if (Boolean.getBoolean("snet.regenerate")) Files.writeString(file.getKey(), file.getValue());
            assertEquals(file.getValue(), Files.readString(file.getKey()),
                    file.getKey().getFileName() + " differs from TileSource's output: change the template, not the file, and run "
                            + "mvn -pl runtime test -Dtest=TileSourceTest -Dsnet.regenerate=true");
        }
    }
}

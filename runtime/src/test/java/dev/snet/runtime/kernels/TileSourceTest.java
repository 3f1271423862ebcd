package dev.snet.runtime.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The committed {@link PositionTiles} is what its template generates; -Dsnet.regenerate=true rewrites it. */
class TileSourceTest {
    @Test
    void committedTilesAreTheTemplatesOutput() throws IOException {
        String generated = TileSource.generate();
        if (Boolean.getBoolean("snet.regenerate")) Files.writeString(TileSource.FILE, generated);
        assertEquals(generated, Files.readString(TileSource.FILE),
                "PositionTiles.java differs from TileSource's output: change the template, not the file, and run "
                        + "mvn -pl runtime test -Dtest=TileSourceTest -Dsnet.regenerate=true");
    }
}

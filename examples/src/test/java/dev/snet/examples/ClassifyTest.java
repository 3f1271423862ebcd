package dev.snet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded model, compiled at build time, classifies an image. */
class ClassifyTest {
    @TempDir
    Path tmp;

    @Test
    void printsTheTopFive() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) for (int x = 0; x < 320; x++) img.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | 90);
        Path image = tmp.resolve("gradient.jpg");
        ImageIO.write(img, "jpg", image.toFile());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Classify.classify(image, null, null, new PrintStream(bytes, true));
        String out = bytes.toString();
        assertEquals(5, out.lines().count(), out);
        assertTrue(out.startsWith("1. class "), out);
    }
}

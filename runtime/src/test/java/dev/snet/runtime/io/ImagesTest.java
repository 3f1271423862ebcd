package dev.snet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.snet.runtime.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path tmp;

    @Test
    void solidImageBecomesNormalisedConstants() throws Exception {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) img.setRGB(x, y, (255 << 16) | (128 << 8));
        Path p = tmp.resolve("red.png");
        ImageIO.write(img, "png", p.toFile());
        Tensor t = Images.read(p, 3, 224, 224, Images.Preprocessing.imagenet(224));
        assertArrayEquals(new int[] {1, 3, 224, 224}, t.shape());
        assertEquals((1f - 0.485f) / 0.229f, t.data()[0], 1e-5);
        assertEquals((128 / 255f - 0.456f) / 0.224f, t.data()[224 * 224 + 5], 1e-5);
        assertEquals((0f - 0.406f) / 0.225f, t.data()[2 * 224 * 224 + 100], 1e-5);
    }

    @Test
    void centreCropKeepsTheMiddle() throws Exception {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) for (int x = 0; x < 40; x++) img.setRGB(x, y, x >= 10 && x < 30 ? 0xffffff : 0);
        Path p = tmp.resolve("stripe.png");
        ImageIO.write(img, "png", p.toFile());
        Tensor t = Images.read(p, 1, 16, 16, new Images.Preprocessing(20, null, null));
        for (float v : t.data()) assertEquals(1f, v, 1e-5, "only the white middle remains after the crop");
    }

    @Test
    void notAnImage() throws Exception {
        Path p = tmp.resolve("x.png");
        Files.writeString(p, "hello");
        assertThrows(Images.ImageException.class, () -> Images.read(p, 3, 8, 8, Images.Preprocessing.imagenet(8)));
    }
}

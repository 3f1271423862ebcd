package dev.snet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding against PIL's convert("RGB") on the fixtures tools/image_fixtures.py writes. */
class ImageDecoderTest {
    private static final Path DIR = Path.of("src/test/resources/images");

    @ParameterizedTest
    @ValueSource(strings = {"gray.png", "gray_alpha.png", "gray16.png", "palette.png", "rgb.png", "rgba.png"})
    void losslessImagesDecodeExactlyAsPilDoes(String name) throws Exception {
        assertEquals(0, largestDifference(name), name);
    }

    /** JPEG decoders differ in their inverse DCT and upsampling (libjpeg-turbo in PIL, Java's own libjpeg 6b): a level or two. */
    @ParameterizedTest
    @ValueSource(strings = {"gray.jpg", "rgb.jpg", "cmyk.jpg"})
    void jpegsDecodeAsPilDoesWithinTheirDecodersRounding(String name) throws Exception {
        assertTrue(largestDifference(name) <= 3, name + ": " + largestDifference(name));
    }

    private static int largestDifference(String name) throws Exception {
        ImageDecoder.Rgb rgb = ImageDecoder.decode(DIR.resolve(name));
        byte[] pil = Files.readAllBytes(DIR.resolve(name + ".rgb"));
        assertEquals(pil.length, 3 * rgb.width() * rgb.height(), name + ": size");
        int worst = 0;
        for (int i = 0; i < rgb.width() * rgb.height(); i++) {
            for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs((pil[3 * i + c] & 0xFF) - rgb.planes()[c][i]));
        }
        return worst;
    }

    @Test
    void aHugeImageIsRefusedFromItsHeader(@TempDir Path dir) throws Exception {
        // A PNG header claiming 30000 x 30000 pixels: refused before a pixel is decoded.
        byte[] png = Files.readAllBytes(DIR.resolve("gray.png"));
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(30_000).putInt(30_000);
        Path huge = Files.write(dir.resolve("huge.png"), png);
        Images.ImageException e = assertThrows(Images.ImageException.class, () -> ImageDecoder.decode(huge));
        assertTrue(e.getMessage().contains("30000 x 30000 pixels"), e.getMessage());
    }
}

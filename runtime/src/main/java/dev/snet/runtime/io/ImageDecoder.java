package dev.snet.runtime.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a PNG or JPEG to 8-bit RGB exactly as PIL's {@code Image.open(f).convert("RGB")} does,
 * which is what torchvision models were trained on. Samples are read from the raster, never
 * through Java's colour management: {@code getRGB} treats gray as linear light and converts it
 * to sRGB (a mid-gray 0.494 read as 0.683) and does not know CMYK. Following PIL: gray and
 * gray + alpha give R = G = B = gray; 16-bit gray is clipped to 255 (PIL's mode I); 16-bit colour
 * keeps the high byte; alpha is dropped, not composited; a palette gives its colours; CMYK is
 * (255 - K) scaled by (255 - C), (255 - M), (255 - Y), from Adobe's inverted samples.
 */
final class ImageDecoder {
    private ImageDecoder() {}

    /** More pixels than any photograph a model is run on; a decompression bomb stops here, before decoding. */
    static final long MAX_PIXELS = 40_000_000L;

    /** The image as three planes of 0..255, row by row. */
    record Rgb(int width, int height, int[][] planes) {}

    static Rgb decode(Path path) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) throw new Images.ImageException(path + ": cannot open");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new Images.ImageException(path + ": not a PNG or JPEG image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > MAX_PIXELS) {
                    throw new Images.ImageException(String.format("%s: %d x %d pixels (%.0f megapixels); images are limited to %d megapixels",
                            path, w, h, (double) w * h / 1e6, MAX_PIXELS / 1_000_000));
                }
                if (isCmykJpeg(reader)) return cmyk(reader.readRaster(0, null), adobe(reader.getImageMetadata(0)));
                return rgb(reader.read(0));
            } catch (Images.ImageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new Images.ImageException(path + ": cannot decode image (" + e.getMessage() + ")");
            } finally {
                reader.dispose();
            }
        }
    }

    private static boolean isCmykJpeg(ImageReader reader) throws IOException {
        if (!reader.getFormatName().equalsIgnoreCase("jpeg")) return false;
        try {
            return reader.readRaster(0, null).getNumBands() == 4;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Adobe's APP14 marker: Photoshop and PIL store CMYK inverted when it is there. */
    private static boolean adobe(IIOMetadata metadata) {
        if (metadata == null) return false;
        org.w3c.dom.Node tree = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        return find(tree, "app14Adobe");
    }

    private static boolean find(org.w3c.dom.Node node, String name) {
        if (node.getNodeName().equals(name)) return true;
        for (org.w3c.dom.Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) if (find(c, name)) return true;
        return false;
    }

    private static Rgb cmyk(Raster raster, boolean inverted) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[][] planes = new int[3][w * h];
        int[] px = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, px);
                int k = inverted ? 255 - px[3] : px[3];
                int nk = 255 - k;
                for (int c = 0; c < 3; c++) {
                    int v = inverted ? 255 - px[c] : px[c];
                    planes[c][y * w + x] = nk - mulDiv255(v, nk);
                }
            }
        }
        return new Rgb(w, h, planes);
    }

    /** PIL's rounding of a * b / 255. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static Rgb rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] planes = new int[3][w * h];
        Raster raster = image.getRaster();
        var model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = raster.getSample(x, y, 0);
                    planes[0][y * w + x] = palette.getRed(i);
                    planes[1][y * w + x] = palette.getGreen(i);
                    planes[2][y * w + x] = palette.getBlue(i);
                }
            }
            return new Rgb(w, h, planes);
        }
        boolean gray = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int bits = model.getComponentSize(0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = raster.getSample(x, y, gray ? 0 : c);
                    // 16-bit: PIL clips gray (its mode I) and keeps the high byte of colour.
                    if (bits > 8) v = gray ? Math.min(v, 255) : v >> (bits - 8);
                    planes[c][y * w + x] = v;
                }
            }
        }
        return new Rgb(w, h, planes);
    }
}

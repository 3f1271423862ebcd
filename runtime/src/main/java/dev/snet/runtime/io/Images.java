package dev.snet.runtime.io;

import dev.snet.runtime.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads PNG and JPEG images into a [1, C, H, W] tensor with torchvision's ImageNet preprocessing:
 * resize the shorter side (bilinear), centre-crop to the model's input, scale to [0, 1], normalise.
 */
public final class Images {
    private Images() {}

    /**
     * How an image becomes a tensor. {@code resize} is the shorter side before the crop (0: resize
     * straight to the input size); {@code mean} and {@code std} are per channel (null: no normalisation).
     */
    public record Preprocessing(int resize, float[] mean, float[] std) {
        public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
        public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

        /** torchvision's defaults, scaled for inputs other than 224: resize to 256/224 of the crop. */
        public static Preprocessing imagenet(int inputHeight) {
            return new Preprocessing(Math.round(inputHeight * 256f / 224f), IMAGENET_MEAN, IMAGENET_STD);
        }
    }

    /** An image that cannot be read; the message says why. */
    public static final class ImageException extends IOException {
        public ImageException(String message) { super(message); }
    }

    public static Tensor read(Path path, int channels, int height, int width, Preprocessing p) throws IOException {
        if (!Files.isRegularFile(path)) throw new ImageException(path + ": no such file");
        if (channels != 1 && channels != 3) throw new ImageException("the model takes " + channels + " channels; images give 1 or 3");
        return toTensor(ImageDecoder.decode(path), channels, height, width, p);
    }

    private static Tensor toTensor(ImageDecoder.Rgb image, int channels, int height, int width, Preprocessing p) {
        int iw = image.width();
        int ih = image.height();
        float[][] rgb = new float[3][ih * iw];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < ih * iw; i++) rgb[c][i] = image.planes()[c][i] / 255f;
        }
        int rw;
        int rh;
        if (p.resize() > 0) {
            if (iw <= ih) {
                rw = p.resize();
                rh = Math.max(1, (int) ((long) p.resize() * ih / iw));
            } else {
                rh = p.resize();
                rw = Math.max(1, (int) ((long) p.resize() * iw / ih));
            }
        } else {
            rw = width;
            rh = height;
        }
        int top = Math.max(0, (int) Math.round((rh - height) / 2.0));
        int left = Math.max(0, (int) Math.round((rw - width) / 2.0));
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float v;
                    if (channels == 1) {
                        v = 0.299f * sample(rgb[0], iw, ih, rw, rh, left + x, top + y)
                                + 0.587f * sample(rgb[1], iw, ih, rw, rh, left + x, top + y)
                                + 0.114f * sample(rgb[2], iw, ih, rw, rh, left + x, top + y);
                    } else {
                        v = sample(rgb[c], iw, ih, rw, rh, left + x, top + y);
                    }
                    if (p.mean() != null) v = (v - p.mean()[c % p.mean().length]) / p.std()[c % p.std().length];
                    out[(c * height + y) * width + x] = v;
                }
            }
        }
        return new Tensor(new int[] {1, channels, height, width}, out);
    }

    /** Bilinear sample of the image resized to rw x rh, at pixel (x, y) of the resized image (half-pixel centres). */
    private static float sample(float[] plane, int iw, int ih, int rw, int rh, int x, int y) {
        double sx = Math.max(0, (x + 0.5) * iw / rw - 0.5);
        double sy = Math.max(0, (y + 0.5) * ih / rh - 0.5);
        int x0 = Math.min((int) sx, iw - 1);
        int y0 = Math.min((int) sy, ih - 1);
        int x1 = Math.min(x0 + 1, iw - 1);
        int y1 = Math.min(y0 + 1, ih - 1);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = plane[y0 * iw + x0] * (1 - fx) + plane[y0 * iw + x1] * fx;
        double bottom = plane[y1 * iw + x0] * (1 - fx) + plane[y1 * iw + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}

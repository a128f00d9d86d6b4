package io.denoiser.codec;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Pixels of decoded images as tensor values in [0, 1], and tensor values as 8-bit pixels to encode. */
final class ImagePixels {

    private ImagePixels() {
    }

    /** Grayscale levels 0..255 of values, clipped to [0, 1]. */
    static int[] levels(float[] values) {
        int[] pixels = new int[values.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = level(values[i]);
        }
        return pixels;
    }

    /** Channel-first planes to the pixel-interleaved R, G, B samples a raster takes. */
    static int[] interleaved(float[] chw) {
        int planeSize = chw.length / 3;
        int[] pixels = new int[chw.length];
        for (int i = 0; i < planeSize; i++) {
            for (int channel = 0; channel < 3; channel++) {
                pixels[3 * i + channel] = level(chw[channel * planeSize + i]);
            }
        }
        return pixels;
    }

    private static int level(float value) {
        return Math.round(Math.min(1f, Math.max(0f, value)) * 255f);
    }

    /** {@code [H, W]} of a grayscale image, at its own bit depth. */
    static Tensor grayscale(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] values = new float[width * height];
        Raster raster = image.getRaster();
        if (image.getColorModel() instanceof IndexColorModel) {
            // a palette of grays: the palette's level, not the index, is the pixel
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    values[y * width + x] = (row[x] & 0xff) / 255f;
                }
            }
        } else {
            float scale = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    values[y * width + x] = raster.getSample(x, y, 0) / scale;
                }
            }
        }
        return new Tensor(new int[] {height, width}, values);
    }

    /** Channel-first sRGB planes; {@code getRGB} converts any colour model (palette, 16-bit, YCbCr JPEG). */
    static Tensor rgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int planeSize = width * height;
        float[] values = new float[3 * planeSize];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                values[i] = (row[x] >> 16 & 0xff) / 255f;
                values[planeSize + i] = (row[x] >> 8 & 0xff) / 255f;
                values[2 * planeSize + i] = (row[x] & 0xff) / 255f;
            }
        }
        return new Tensor(new int[] {3, height, width}, values);
    }
}

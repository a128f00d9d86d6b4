package io.denoiser.evaluate;

import io.denoiser.data.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Generated grayscale photos with values in [0.3, 0.7]: far enough from 0 and 1 that Gaussian noise of
 * up to 25/255 is practically never clipped, so the noisy input's PSNR is known, 20 log10(255 / sigma) dB.
 */
public final class SmoothPhotos {

    private SmoothPhotos() {
    }

    public static ImageFiles.Photo photo(String name, int height, int width) {
        float[] values = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                values[y * width + x] = (float) (0.5 + 0.2 * Math.sin(x / 9.0) * Math.cos(y / 7.0));
            }
        }
        return new ImageFiles.Photo(name, height, width, values);
    }

    /** {@code photo} as an 8-bit grayscale PNG in {@code directory}. */
    public static void writePng(Path directory, ImageFiles.Photo photo) throws IOException {
        BufferedImage image = new BufferedImage(photo.width(), photo.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                image.getRaster().setSample(x, y, 0, Math.round(photo.values()[y * photo.width() + x] * 255));
            }
        }
        ImageIO.write(image, "png", directory.resolve(photo.name()).toFile());
    }
}

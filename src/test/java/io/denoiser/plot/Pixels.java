package io.denoiser.plot;

import java.awt.image.BufferedImage;

/** Counts pixels of an exact colour, to tell that a chart drew a series and not only its frame. */
final class Pixels {

    private Pixels() {
    }

    static int count(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}

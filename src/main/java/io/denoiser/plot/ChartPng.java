package io.denoiser.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** Writes charts as PNG files, creating missing parent directories. */
final class ChartPng {

    private ChartPng() {
    }

    static void write(Path file, XYChart chart) throws IOException {
        write(file, BitmapEncoder.getBufferedImage(chart));
    }

    static void write(Path file, BufferedImage image) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}

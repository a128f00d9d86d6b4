package io.denoiser.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes rows of grayscale images side by side as one PNG, for people to compare at a glance. */
public final class ImageGrid {

    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * @param rows  each row is a list of images (row-major pixels in [0, 1]), e.g. noisy / denoised / clean
     * @param scale each pixel becomes a scale x scale block
     */
    public static void writePng(Path file, List<float[][]> rows, int imageRows, int imageCols, int scale)
            throws IOException {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int cellWidth = imageCols * scale + GAP;
        int cellHeight = imageRows * scale + GAP;
        BufferedImage grid = new BufferedImage(Math.max(1, columns * cellWidth + GAP),
                Math.max(1, rows.size() * cellHeight + GAP), BufferedImage.TYPE_BYTE_GRAY);
        var raster = grid.getRaster();
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                raster.setSample(x, y, 0, 96);
            }
        }
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < rows.get(row).length; column++) {
                float[] image = rows.get(row)[column];
                for (int p = 0; p < image.length; p++) {
                    int value = Math.round(Math.min(1f, Math.max(0f, image[p])) * 255f);
                    int x0 = GAP + column * cellWidth + (p % imageCols) * scale;
                    int y0 = GAP + row * cellHeight + (p / imageCols) * scale;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            raster.setSample(x0 + dx, y0 + dy, 0, value);
                        }
                    }
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(grid, "png", file.toFile());
    }
}

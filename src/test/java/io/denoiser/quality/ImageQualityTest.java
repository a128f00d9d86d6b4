package io.denoiser.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageQualityTest {

    @Test
    void shouldComputePsnrFromMeanSquaredError() {
        float[] clean = {0f, 0f, 0f, 0f};
        float[] off = {0.1f, 0.1f, 0.1f, 0.1f};
        assertThat(ImageQuality.mse(clean, off)).isCloseTo(0.01, within(1e-7));
        assertThat(ImageQuality.psnr(clean, off)).isCloseTo(20.0, within(1e-4));
        assertThat(ImageQuality.psnr(clean, clean)).isEqualTo(ImageQuality.IDENTICAL_PSNR_DB);
    }

    @Test
    void shouldTakeTheMedianOfEachNeighbourhood() {
        float[] image = new float[9];
        image[4] = 1f;
        assertThat(MedianFilter.median3x3(image, 3, 3)).containsOnly(0f);
    }

    @Test
    void shouldWriteAReadableGrid(@TempDir Path dir) throws Exception {
        float[][] row = {new float[784], new float[784]};
        row[1][0] = 1f;
        Path file = dir.resolve("grid.png");
        ImageGrid.writePng(file, List.of(row, row, row), 28, 28, 3);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * (28 * 3 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(3 * (28 * 3 + 2) + 2);
        assertThat(image.getRaster().getSample(2 + 28 * 3 + 2, 2, 0)).isEqualTo(255);
    }
}

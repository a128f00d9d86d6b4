package io.denoiser.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurveTest {

    private static final double[] LOSS = {0.31, 0.22, 0.18, 0.16, 0.15};
    private static final double[] PSNR = {14.2, 16.0, 17.1, 17.8, 18.2};

    @TempDir
    Path dir;

    @Test
    void shouldPlotLossAndHeldOutPsnr() throws Exception {
        Path file = dir.resolve("loss.png");
        LossCurve.writePng(file, LOSS, PSNR);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LossCurve.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LossCurve.HEIGHT);
        assertThat(Pixels.count(image, LossCurve.LOSS_COLOUR.getRGB() & 0xffffff)).isPositive();
        assertThat(Pixels.count(image, LossCurve.PSNR_COLOUR.getRGB() & 0xffffff)).isPositive();
    }

    @Test
    void shouldPlotLossAloneWithoutPsnr() throws Exception {
        Path file = dir.resolve("nested/loss.png");
        LossCurve.writePng(file, LOSS, null);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LossCurve.WIDTH);
        assertThat(Pixels.count(image, LossCurve.LOSS_COLOUR.getRGB() & 0xffffff)).isPositive();
        assertThat(Pixels.count(image, LossCurve.PSNR_COLOUR.getRGB() & 0xffffff)).isZero();
    }

    @Test
    void shouldRejectNoEpochsOrMismatchedPsnr() {
        assertThatThrownBy(() -> LossCurve.writePng(dir.resolve("x.png"), new double[0], null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LossCurve.writePng(dir.resolve("x.png"), LOSS, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 held-out");
    }
}

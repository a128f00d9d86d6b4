package io.denoiser.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionHistoryPlotTest {

    @TempDir
    Path dir;

    @Test
    void shouldPlotEveryPublicationIncludingARollback() throws Exception {
        Path file = dir.resolve("versions.png");
        VersionHistoryPlot.writePng(file, "dense", List.of(new VersionHistoryPlot.Point(2, 2, 16.5),
                new VersionHistoryPlot.Point(3, 1, 16.4), new VersionHistoryPlot.Point(4, 4, 16.9)), 9.4, 14.2);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LossCurve.WIDTH);
        assertThat(Pixels.count(image, VersionHistoryPlot.MODEL_COLOUR.getRGB() & 0xffffff)).isPositive();
    }

    @Test
    void shouldRefuseAnEmptyHistory() {
        assertThatThrownBy(() -> VersionHistoryPlot.writePng(dir.resolve("x.png"), "dense", List.of(), 9.4, 14.2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

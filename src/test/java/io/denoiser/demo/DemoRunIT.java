package io.denoiser.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.TopicNames;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, end to end on its own in-process broker, with fewer digits. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoRunIT {

    @Test
    void shouldDenoiseEveryDigitOnceAcrossTwoModelVersions(@TempDir Path out) throws Exception {
        // When the demo runs 200 digits through its own broker
        DemoReport report = new DemoRun(new DemoRun.Options(Optional.empty(), TopicNames.defaults(), out, 200, 7, Duration.ofMinutes(2)),
                new PrintWriter(System.out, true)).run();

        // Then every digit is denoised once across versions 1 and 2, at least 6 dB cleaner, and both images are drawn
        assertThat(report.recordsIn()).isEqualTo(200);
        assertThat(report.denoised()).isEqualTo(200);
        assertThat(report.denoisedDistinct()).isEqualTo(200);
        assertThat(report.latent()).isEqualTo(200);
        assertThat(report.dlq()).isZero();
        assertThat(report.modelVersionsSeen()).containsExactly(1L, 2L);
        assertThat(report.psnrDenoisedDb()).isGreaterThan(report.psnrNoisyDb() + 6);
        assertThat(report.throughputRps()).isPositive();
        assertThat(ImageIO.read(out.resolve("grid.png").toFile()).getHeight()).isEqualTo(3 * (28 * 3 + 2) + 2);
        // 6 queries, each followed by its 8 nearest neighbours
        BufferedImage neighbours = ImageIO.read(out.resolve("neighbours.png").toFile());
        assertThat(neighbours.getHeight()).isEqualTo(6 * (28 * 3 + 2) + 2);
        assertThat(neighbours.getWidth()).isEqualTo(9 * (28 * 3 + 2) + 2);
    }
}

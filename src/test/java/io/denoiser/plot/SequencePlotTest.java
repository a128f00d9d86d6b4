package io.denoiser.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencePlotTest {

    private static final int FEATURES = 3;

    @TempDir
    Path dir;

    @Test
    void shouldStackOnePanelPerChosenFeature() throws Exception {
        int steps = 60;
        Path file = dir.resolve("sequence.png");
        SequencePlot.writePng(file, wave(steps, 0.3), wave(steps, 0.05), wave(steps, 0), steps, FEATURES,
                new int[] {0, 2});

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(SequencePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(2 * SequencePlot.PANEL_HEIGHT);
        for (int panel = 0; panel < 2; panel++) {
            BufferedImage panelImage = image.getSubimage(0, panel * SequencePlot.PANEL_HEIGHT,
                    SequencePlot.WIDTH, SequencePlot.PANEL_HEIGHT);
            assertThat(count(panelImage, SequencePlot.NOISY_COLOUR)).isPositive();
            assertThat(count(panelImage, SequencePlot.DENOISED_COLOUR)).isPositive();
            assertThat(count(panelImage, SequencePlot.CLEAN_COLOUR)).isPositive();
        }
    }

    @Test
    void shouldDrawTheLinesAndNotOnlyTheLegend() throws Exception {
        Path legendOnly = dir.resolve("one-step.png");
        Path lines = dir.resolve("many-steps.png");
        // A single step has no line to draw, so its clean colour comes from the legend alone.
        SequencePlot.writePng(legendOnly, wave(1, 0), wave(1, 0), wave(1, 0), 1, FEATURES, new int[] {1});
        SequencePlot.writePng(lines, wave(80, 0.3), wave(80, 0.05), wave(80, 0), 80, FEATURES, new int[] {1});

        assertThat(count(ImageIO.read(lines.toFile()), SequencePlot.CLEAN_COLOUR))
                .isGreaterThan(2 * count(ImageIO.read(legendOnly.toFile()), SequencePlot.CLEAN_COLOUR));
    }

    @Test
    void shouldRejectMismatchedSequencesAndUnknownFeatures() {
        float[] ok = wave(4, 0);
        assertThatThrownBy(() -> SequencePlot.writePng(dir.resolve("x.png"), ok, new float[3], ok, 4, FEATURES,
                new int[] {0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 denoised");
        assertThatThrownBy(() -> SequencePlot.writePng(dir.resolve("x.png"), ok, ok, ok, 4, FEATURES,
                new int[] {FEATURES})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> SequencePlot.writePng(dir.resolve("x.png"), ok, ok, ok, 4, FEATURES,
                new int[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /** Time-major sine waves, one per feature, plus a deterministic jitter of the given size. */
    private static float[] wave(int steps, double jitter) {
        float[] sequence = new float[steps * FEATURES];
        for (int t = 0; t < steps; t++) {
            for (int f = 0; f < FEATURES; f++) {
                sequence[t * FEATURES + f] = (float) (Math.sin(0.2 * t + f) + jitter * Math.sin(7.3 * t * (f + 1)));
            }
        }
        return sequence;
    }

    private static int count(BufferedImage image, Color colour) {
        return Pixels.count(image, colour.getRGB() & 0xffffff);
    }
}

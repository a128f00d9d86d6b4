package io.denoiser.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SsimTest {

    private static final int ROWS = 20;
    private static final int COLS = 24;

    @Test
    void shouldBeOneForIdenticalImages() {
        float[] image = waves();
        assertThat(Ssim.ssim(image, image.clone(), ROWS, COLS)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldReduceToTheLuminanceTermForConstantImages() {
        float[] dark = filled(0.2f);
        float[] light = filled(0.5f);
        // Zero variances and covariance leave (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1).
        double c1 = 0.01 * 0.01;
        double expected = (2 * 0.2 * 0.5 + c1) / (0.2 * 0.2 + 0.5 * 0.5 + c1);
        assertThat(Ssim.ssim(dark, light, ROWS, COLS)).isCloseTo(expected, within(1e-7));
    }

    @Test
    void shouldMatchScikitImageOnANonSquareImage() {
        float[] clean = waves();
        float[] distorted = new float[clean.length];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                double value = clean[r * COLS + c] + 0.15 * Math.sin(1.3 * r * c + 0.5);
                distorted[r * COLS + c] = (float) Math.min(1, Math.max(0, value));
            }
        }
        // Computed in NumPy as skimage.metrics.structural_similarity does: scipy.ndimage.gaussian_filter
        // (sigma 1.5, truncate 3.5) over the whole image, SSIM map cropped by 5 pixels, then averaged.
        assertThat(Ssim.ssim(clean, distorted, ROWS, COLS)).isCloseTo(0.810987111838207, within(1e-6));
    }

    @Test
    void shouldBeSymmetric() {
        float[] clean = waves();
        float[] noisy = new GaussianNoise(0.3, 7).apply(clean);
        assertThat(Ssim.ssim(clean, noisy, ROWS, COLS))
                .isCloseTo(Ssim.ssim(noisy, clean, ROWS, COLS), within(1e-12))
                .isLessThan(0.9);
    }

    @Test
    void shouldDecreaseAsNoiseGrows() {
        float[] digit = MnistDataset.bundled().image(0);
        double previous = 1.0;
        for (double level : new double[] {0.05, 0.1, 0.2, 0.4, 0.8}) {
            double similarity = Ssim.ssim(digit, new GaussianNoise(level, 42).apply(digit), 28, 28);
            assertThat(similarity).isLessThan(previous);
            previous = similarity;
        }
        assertThat(previous).isLessThan(0.5);
    }

    @Test
    void shouldAverageOverPairsOfImages() {
        float[] clean = waves();
        float[] noisy = new GaussianNoise(0.2, 1).apply(clean);
        double expected = (1.0 + Ssim.ssim(clean, noisy, ROWS, COLS)) / 2;
        assertThat(Ssim.meanSsim(new float[][] {clean, clean}, new float[][] {clean, noisy}, ROWS, COLS))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldRejectImagesSmallerThanTheWindowOrOfTheWrongSize() {
        assertThatThrownBy(() -> Ssim.ssim(new float[100], new float[100], 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11x11");
        assertThatThrownBy(() -> Ssim.ssim(waves(), new float[10], ROWS, COLS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ssim.meanSsim(new float[0][], new float[0][], ROWS, COLS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] waves() {
        float[] image = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                image[r * COLS + c] = (float) (0.5 + 0.4 * Math.sin(0.7 * r) * Math.cos(0.3 * c));
            }
        }
        return image;
    }

    private static float[] filled(float value) {
        float[] image = new float[ROWS * COLS];
        Arrays.fill(image, value);
        return image;
    }
}

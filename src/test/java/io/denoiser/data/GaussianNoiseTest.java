package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.quality.ImageQuality;
import io.denoiser.quality.MedianFilter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

    private final MnistDataset test = MnistDataset.bundled().testSplit();

    @Test
    void shouldBeReproducibleFromItsSeedAndStayInRange() {
        float[][] first = new GaussianNoise(0.5, 9).applyAll(test);
        float[][] again = new GaussianNoise(0.5, 9).applyAll(test);
        float[][] other = new GaussianNoise(0.5, 10).applyAll(test);
        assertThat(first[17]).containsExactly(again[17]);
        assertThat(first[17]).isNotEqualTo(other[17]);
        for (float[] image : first) {
            for (float pixel : image) {
                assertThat(pixel).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void shouldMatchTheSeedsReferenceFiguresForNoisyAndMedianBaselines() {
        float[][] clean = test.images();
        float[][] noisy = new GaussianNoise(0.5, 1234).applyAll(test);
        float[][] median = Arrays.stream(noisy).map(image -> MedianFilter.median3x3(image, 28, 28)).toArray(float[][]::new);
        assertThat(ImageQuality.meanPsnr(clean, noisy)).isBetween(9.0, 9.8);
        assertThat(ImageQuality.meanPsnr(clean, median)).isBetween(13.7, 14.7);
    }
}

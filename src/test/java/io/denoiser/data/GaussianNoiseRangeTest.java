package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianNoiseRangeTest {

    @Test
    void shouldDrawEachRecordsLevelFromTheRange() {
        GaussianNoiseRange noise = new GaussianNoiseRange(0.05, 0.1, 3);
        float[] gray = new float[20_000];
        Arrays.fill(gray, 0.5f);
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (int record = 0; record < 40; record++) {
            float[] noisy = noise.apply(gray);
            double sum = 0;
            for (float value : noisy) {
                sum += (value - 0.5) * (value - 0.5);
            }
            double level = Math.sqrt(sum / noisy.length);
            smallest = Math.min(smallest, level);
            largest = Math.max(largest, level);
        }
        assertThat(smallest).isBetween(0.048, 0.06);
        assertThat(largest).isBetween(0.09, 0.102);
    }

    @Test
    void shouldDrawLowLevelsMoreOftenWithALargerExponent() {
        float[] gray = new float[4_000];
        Arrays.fill(gray, 0.5f);
        assertThat(shareBelow(new GaussianNoiseRange(0, 0.2, 1, 5), gray, 0.05)).isBetween(0.17, 0.33);
        assertThat(shareBelow(new GaussianNoiseRange(0, 0.2, 2, 5), gray, 0.05)).isBetween(0.42, 0.58);
    }

    private static double shareBelow(GaussianNoiseRange noise, float[] clean, double level) {
        int below = 0;
        for (int record = 0; record < 400; record++) {
            float[] noisy = noise.apply(clean);
            double sum = 0;
            for (float value : noisy) {
                sum += (value - 0.5) * (value - 0.5);
            }
            below += Math.sqrt(sum / noisy.length) < level ? 1 : 0;
        }
        return below / 400.0;
    }

    @Test
    void shouldClipToTheUnitInterval() {
        float[] noisy = new GaussianNoiseRange(0.5, 0.5, 1).apply(new float[1000]);

        for (float value : noisy) {
            assertThat(value).isBetween(0f, 1f);
        }
        assertThat(noisy).contains(0f, 1f);
    }

    @Test
    void shouldRefuseAnEmptyOrNegativeRange() {
        assertThatThrownBy(() -> new GaussianNoiseRange(0.2, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaussianNoiseRange(-0.1, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaussianNoiseRange(0, 0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

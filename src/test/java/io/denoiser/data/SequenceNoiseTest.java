package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SequenceNoiseTest {

    private static final int STEPS = 64;
    private static final int FEATURES = 8;

    private final SequenceDataset sensors = SyntheticSensors.generate(500, STEPS, FEATURES, 5);

    @Test
    void shouldBeReproducibleFromItsSeedAndStayInTheUnitInterval() {
        float[][] first = SequenceNoise.defaults(9).applyAll(sensors);
        float[][] again = new SequenceNoise(0.1, 0.01, 0.02, 9).applyAll(sensors);
        float[][] other = SequenceNoise.defaults(10).applyAll(sensors);
        assertThat(first).hasDimensions(500, STEPS * FEATURES).isDeepEqualTo(again);
        assertThat(first[3]).isNotEqualTo(other[3]);
        for (float[] window : first) {
            for (float value : window) {
                assertThat(value).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void shouldAddGaussianNoiseWhoseMeanSquareIsSigmaSquared() {
        float[][] noisy = new SequenceNoise(0.1, 0, 0, 1).applyAll(sensors);
        double sum = 0;
        long count = 0;
        for (int w = 0; w < noisy.length; w++) {
            float[] clean = sensors.window(w);
            for (int i = 0; i < clean.length; i++) {
                // Away from the clip bounds by 3.5 sigma, clipping cannot bias the estimate.
                if (clean[i] >= 0.35f && clean[i] <= 0.65f) {
                    double error = noisy[w][i] - clean[i];
                    sum += error * error;
                    count++;
                }
            }
        }
        assertThat(count).isGreaterThan(50_000);
        assertThat(sum / count).isCloseTo(0.01, within(0.0003));
    }

    @Test
    void shouldSpikeAtTheConfiguredRateToZeroOneOrALargeJump() {
        float[] noisy = new SequenceNoise(0.02, 0.05, 0, 2).apply(constant(0.5f, 40_000), 4);
        int[] kinds = new int[3];
        for (float value : noisy) {
            if (value == 0f) {
                kinds[0]++;
            } else if (value == 1f) {
                kinds[1]++;
            } else if (Math.abs(value - 0.5f) > 0.2f) {
                assertThat(Math.abs(value - 0.5)).isBetween(0.3 - 0.1, 0.6 + 0.1);
                kinds[2]++;
            }
        }
        double rate = Arrays.stream(kinds).sum() / (double) noisy.length;
        assertThat(rate).isCloseTo(0.05, within(0.004));
        // A third of the spikes each go to 0 and 1; a jump of 0.5 or more from 0.5 is clipped to 0 or 1 as well.
        double jumpsClipped = 1.0 / 3;
        double toEachBound = 0.05 * (1.0 / 3 + jumpsClipped / 2 / 3);
        assertThat(kinds[0] / (double) noisy.length).isCloseTo(toEachBound, within(0.002));
        assertThat(kinds[1] / (double) noisy.length).isCloseTo(toEachBound, within(0.002));
        assertThat(kinds[2] / (double) noisy.length).isCloseTo(0.05 / 3 * (1 - jumpsClipped), within(0.002));
    }

    @Test
    void shouldDropSamplesAtTheConfiguredRateByRepeatingThePreviousReading() {
        int features = 4;
        float[] noisy = new SequenceNoise(0.02, 0, 0.1, 3).apply(constant(0.5f, 40_000), features);
        int repeats = 0;
        for (int i = features; i < noisy.length; i++) {
            repeats += noisy[i] == noisy[i - features] ? 1 : 0;
        }
        assertThat(repeats / (double) (noisy.length - features)).isCloseTo(0.1, within(0.006));
    }

    @Test
    void shouldStallEveryFeatureOnItsFirstReadingWhenEverySampleDrops() {
        float[] clean = sensors.window(0);
        float[] noisy = new SequenceNoise(0.1, 0, 1, 4).apply(clean, FEATURES);
        float[] firstRow = Arrays.copyOf(noisy, FEATURES);
        assertThat(firstRow).isNotEqualTo(Arrays.copyOf(clean, FEATURES));
        for (int t = 1; t < STEPS; t++) {
            assertThat(Arrays.copyOfRange(noisy, t * FEATURES, (t + 1) * FEATURES)).containsExactly(firstRow);
        }
    }

    @Test
    void shouldLeaveCleanDataAloneWithoutNoise() {
        assertThat(new SequenceNoise(0, 0, 0, 5).apply(sensors.window(7), FEATURES)).containsExactly(sensors.window(7));
    }

    @Test
    void shouldRefuseInvalidSettingsAndLayouts() {
        assertThatThrownBy(() -> new SequenceNoise(-0.1, 0, 0, 1)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new SequenceNoise(Double.NaN, 0, 0, 1)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new SequenceNoise(0.1, 1.5, 0, 1)).hasMessageContaining("spike probability");
        assertThatThrownBy(() -> new SequenceNoise(0.1, 0, -0.01, 1)).hasMessageContaining("drop probability");
        assertThatThrownBy(() -> SequenceNoise.defaults(1).apply(new float[10], 3)).hasMessageContaining("whole time steps");
    }

    private static float[] constant(float value, int length) {
        float[] values = new float[length];
        Arrays.fill(values, value);
        return values;
    }
}

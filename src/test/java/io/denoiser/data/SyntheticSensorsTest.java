package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyntheticSensorsTest {

    @Test
    void shouldGenerateTheDefaultShapeWithoutLabelsOrNormalization() {
        SequenceDataset data = SyntheticSensors.generate(10, 1);
        assertThat(data.size()).isEqualTo(10);
        assertThat(data.steps()).isEqualTo(64);
        assertThat(data.features()).isEqualTo(8);
        assertThat(data.window(3)).hasSize(64 * 8);
        assertThat(data.labels()).isNull();
        assertThat(data.normalization()).isNull();
    }

    @Test
    void shouldBeReproducibleFromItsSeedWindowByWindow() {
        SequenceDataset first = SyntheticSensors.generate(20, 32, 5, 42);
        assertThat(SyntheticSensors.generate(20, 32, 5, 42).windows()).isDeepEqualTo(first.windows());
        assertThat(SyntheticSensors.generate(4, 32, 5, 42).windows()).isDeepEqualTo(first.slice(0, 4).windows());
        assertThat(SyntheticSensors.generate(20, 32, 5, 43).window(0)).isNotEqualTo(first.window(0));
        assertThat(first.window(1)).isNotEqualTo(first.window(0));
    }

    @Test
    void shouldSpanExactlyPointOneToPointNineInEveryFeatureOfEveryWindow() {
        SequenceDataset data = SyntheticSensors.generate(200, 64, 8, 7);
        for (float[] window : data.windows()) {
            for (int f = 0; f < 8; f++) {
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (int t = 0; t < 64; t++) {
                    min = Math.min(min, window[t * 8 + f]);
                    max = Math.max(max, window[t * 8 + f]);
                }
                assertThat(min).isCloseTo(0.1f, within(1e-6f));
                assertThat(max).isCloseTo(0.9f, within(1e-6f));
            }
        }
    }

    @Test
    void shouldCorrelateFeaturesThatShareALatentDriverMoreThanOthers() {
        // With 8 features there are 2 drivers: even features share driver 0, odd ones driver 1.
        SequenceDataset data = SyntheticSensors.generate(400, 64, 8, 3);
        double sameDriver = 0;
        double otherDriver = 0;
        for (float[] window : data.windows()) {
            sameDriver += Math.abs(correlation(window, 8, 0, 2)) + Math.abs(correlation(window, 8, 1, 3));
            otherDriver += Math.abs(correlation(window, 8, 0, 1)) + Math.abs(correlation(window, 8, 2, 3));
        }
        sameDriver /= 2 * data.size();
        otherDriver /= 2 * data.size();
        assertThat(sameDriver).as("mean |r| of features on one driver vs on different drivers (%.3f)", otherDriver)
                .isGreaterThan(otherDriver + 0.25);
    }

    @Test
    void shouldHandleDegenerateShapesAndRefuseAbsurdOnes() {
        assertThat(SyntheticSensors.generate(3, 1, 1, 0).window(0)).containsExactly(0.5f);
        assertThat(SyntheticSensors.generate(0, 64, 8, 0).size()).isZero();
        assertThatThrownBy(() -> SyntheticSensors.generate(1_000_000, 1000, 100, 0)).hasMessageContaining("exceed the limit");
        assertThatThrownBy(() -> SyntheticSensors.generate(-1, 64, 8, 0)).hasMessageContaining("count >= 0");
    }

    private static double correlation(float[] window, int features, int a, int b) {
        int steps = window.length / features;
        double meanA = 0;
        double meanB = 0;
        for (int t = 0; t < steps; t++) {
            meanA += window[t * features + a] / (double) steps;
            meanB += window[t * features + b] / (double) steps;
        }
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int t = 0; t < steps; t++) {
            double da = window[t * features + a] - meanA;
            double db = window[t * features + b] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }
        return cov / Math.sqrt(varA * varB);
    }
}

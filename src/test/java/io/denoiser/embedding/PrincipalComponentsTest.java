package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalComponentsTest {

    @Test
    void shouldRecoverKnownDirectionsVariancesAndMean() {
        int size = 20;
        double[][] directions = IterativeQuantization.randomRotation(size, 3);   // columns are orthonormal
        double[] spreads = {10, 5, 2};
        double[] offset = new double[size];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < size; i++) {
            offset[i] = random.nextDouble(-3, 3);
        }
        float[][] rows = new float[20_000][size];
        for (float[] row : rows) {
            double[] z = {random.nextGaussian() * spreads[0], random.nextGaussian() * spreads[1],
                random.nextGaussian() * spreads[2]};
            for (int i = 0; i < size; i++) {
                row[i] = (float) (offset[i] + z[0] * directions[i][0] + z[1] * directions[i][1]
                        + z[2] * directions[i][2] + 0.1 * random.nextGaussian());
            }
        }

        PrincipalComponents pca = PrincipalComponents.fit(rows, 3);

        for (int j = 0; j < 3; j++) {
            double dot = 0;
            for (int i = 0; i < size; i++) {
                dot += pca.components()[i][j] * directions[i][j];
            }
            assertThat(Math.abs(dot)).as("component %d", j).isGreaterThan(0.999);
            double variance = spreads[j] * spreads[j];
            assertThat(pca.variances()[j]).isCloseTo(variance + 0.01, within(0.05 * variance));
        }
        for (int i = 0; i < size; i++) {
            assertThat(pca.mean()[i]).isCloseTo(offset[i], within(0.15));
        }
    }

    /**
     * Outputs of a barely trained model: most pixels never vary and the rest along two directions, so the
     * covariance is 784x784 of rank 2. The trainer's first round of a digit model failed on such data
     * ("convergence failed" from the eigendecomposition it used before).
     */
    @Test
    void shouldFitARankDeficientCovarianceWithConstantPixels() {
        java.util.Random random = new java.util.Random(1);
        float[][] rows = new float[500][784];
        for (float[] row : rows) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            for (int i = 0; i < 784; i += 7) {
                row[i] = (float) (a * Math.sin(i) + b * Math.cos(i / 3.0));
            }
        }

        PrincipalComponents pca = PrincipalComponents.fit(rows, 32);

        assertThat(pca.variances()[0]).isGreaterThan(1);
        assertThat(pca.variances()[1]).isGreaterThan(0.1);
        assertThat(pca.variances()[2]).isLessThan(1e-9);
    }

    @Test
    void shouldFixEachComponentsSignByItsLargestEntry() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] rows = new float[500][6];
        for (float[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (random.nextGaussian() * (i + 1));
            }
        }

        double[][] components = PrincipalComponents.fit(rows, 4).components();

        for (int j = 0; j < 4; j++) {
            double largest = 0;
            for (double[] row : components) {
                largest = Math.abs(row[j]) > Math.abs(largest) ? row[j] : largest;
            }
            assertThat(largest).isPositive();
        }
    }
}

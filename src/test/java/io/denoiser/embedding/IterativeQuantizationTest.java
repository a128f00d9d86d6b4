package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IterativeQuantizationTest {

    @Test
    void shouldLoseLessToTheSignThanItsRandomStart() {
        // PCA-like values: a few high-variance directions, many low ones
        double[][] values = OrthogonalProcrustesTest.gaussian(3000, 16, 4);
        for (double[] row : values) {
            for (int c = 0; c < 16; c++) {
                row[c] *= 4.0 / (1 + c);
            }
        }

        double start = IterativeQuantization.quantisationError(values, IterativeQuantization.randomRotation(16, 9));
        double fitted = IterativeQuantization.quantisationError(values, IterativeQuantization.rotation(values, 50, 9));

        assertThat(fitted).isLessThan(0.9 * start);
    }

    @Test
    void shouldReturnAnOrthogonalRotationReproducibleFromItsSeed() {
        double[][] values = OrthogonalProcrustesTest.gaussian(500, 8, 1);

        double[][] rotation = IterativeQuantization.rotation(values, 10, 42);

        assertThat(IterativeQuantization.rotation(values, 10, 42)).isDeepEqualTo(rotation);
        double[][] gram = Matrices.transposeMultiply(rotation, rotation);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertThat(gram[i][j]).isCloseTo(i == j ? 1 : 0, within(1e-9));
            }
        }
    }
}

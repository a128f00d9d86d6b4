package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrthogonalProcrustesTest {

    @Test
    void shouldRecoverAKnownRotation() {
        double[][] source = gaussian(300, 8, 5);
        double[][] rotation = IterativeQuantization.randomRotation(8, 11);
        double[][] target = Matrices.multiply(source, rotation);

        double[][] recovered = OrthogonalProcrustes.rotation(source, target);

        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertThat(recovered[i][j]).isCloseTo(rotation[i][j], within(1e-9));
            }
        }
        assertThat(OrthogonalProcrustes.residual(source, recovered, target)).isLessThan(1e-9);
    }

    @Test
    void shouldReturnAnOrthogonalMatrixWithTheNoiseAsResidual() {
        double[][] source = gaussian(2000, 6, 1);
        double[][] target = Matrices.multiply(source, IterativeQuantization.randomRotation(6, 2));
        double[][] noise = gaussian(2000, 6, 3);
        for (int r = 0; r < target.length; r++) {
            for (int c = 0; c < 6; c++) {
                target[r][c] += 0.1 * noise[r][c];
            }
        }

        double[][] rotation = OrthogonalProcrustes.rotation(source, target);

        double[][] gram = Matrices.transposeMultiply(rotation, rotation);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(gram[i][j]).isCloseTo(i == j ? 1 : 0, within(1e-9));
            }
        }
        assertThat(OrthogonalProcrustes.residual(source, rotation, target)).isCloseTo(0.1, within(0.01));
    }

    static double[][] gaussian(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return m;
    }
}

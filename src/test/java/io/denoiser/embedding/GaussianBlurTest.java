package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    @Test
    void shouldKeepAFlatImageAndSpreadAPoint() {
        GaussianBlur blur = new GaussianBlur(7, 7, 1.0);
        float[] flat = new float[49];
        Arrays.fill(flat, 0.5f);
        float[] point = new float[49];
        point[3 * 7 + 3] = 1;

        float[] blurredPoint = blur.apply(point);

        for (float v : blur.apply(flat)) {
            assertThat(v).isCloseTo(0.5f, within(1e-6f));
        }
        assertThat(blurredPoint[3 * 7 + 3]).isLessThan(0.5f).isGreaterThan(blurredPoint[3 * 7 + 4]);
        assertThat(blurredPoint[3 * 7 + 4]).isCloseTo(blurredPoint[3 * 7 + 2], within(1e-6f))
                .isCloseTo(blurredPoint[2 * 7 + 3], within(1e-6f));
    }

    @Test
    void shouldProjectUnblurredImagesThroughTheFoldedMatrixAsTheBlurredOnesThroughTheOriginal() {
        int rows = 6;
        int cols = 9;   // not square, so a transposed axis would show
        GaussianBlur blur = new GaussianBlur(rows, cols, 1.3);
        double[][] projection = OrthogonalProcrustesTest.gaussian(rows * cols, 5, 8);
        double[][] images = OrthogonalProcrustesTest.gaussian(40, rows * cols, 9);

        double[][] folded = blur.foldInto(projection);

        double[][] blurred = new double[images.length][];
        for (int i = 0; i < images.length; i++) {
            blurred[i] = blur.apply(images[i], false);
        }
        double[][] expected = Matrices.multiply(blurred, projection);
        double[][] actual = Matrices.multiply(images, folded);
        for (int i = 0; i < images.length; i++) {
            for (int k = 0; k < 5; k++) {
                assertThat(actual[i][k]).isCloseTo(expected[i][k], within(1e-9));
            }
        }
    }
}

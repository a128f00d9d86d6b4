package io.denoiser.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentProjectionTest {

    /** Orthonormal directions in 4-D, neither along an axis. */
    private static final double[] WIDE = {0.5, 0.5, 0.5, 0.5};
    private static final double[] NARROW = {0.5, -0.5, 0.5, -0.5};
    private static final double[] OFFSET = {3, -1, 2, 7};

    @Test
    void shouldRecoverTheDirectionsOfAPlaneInOrderOfVariance() {
        LatentProjection projection = LatentProjection.fit(plane());
        // Coefficients 3 * {-2..2} and {-2..2} on a full grid: variances 18 and 2 of a total 20.
        assertThat(projection.explainedVarianceRatio()).containsExactly(new double[] {0.9, 0.1}, within(1e-9));
        assertThat(Math.abs(dot(projection.component(0), WIDE))).isCloseTo(1.0, within(1e-9));
        assertThat(Math.abs(dot(projection.component(1), NARROW))).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldProjectOntoCoordinatesWithinThePlane() {
        float[][] points = plane();
        double[][] projected = LatentProjection.fit(points).project(points);
        int i = 0;
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++, i++) {
                assertThat(Math.abs(projected[i][0])).isCloseTo(3.0 * Math.abs(a), within(1e-5));
                assertThat(Math.abs(projected[i][1])).isCloseTo(Math.abs(b), within(1e-5));
            }
        }
    }

    @Test
    void shouldPutAllVarianceOnTheFirstComponentForPointsOnALine() {
        float[][] line = new float[7][];
        for (int t = 0; t < line.length; t++) {
            line[t] = point(t - 3, 0);
        }
        LatentProjection projection = LatentProjection.fit(line);
        assertThat(projection.explainedVarianceRatio()[0]).isCloseTo(1.0, within(1e-9));
        assertThat(projection.explainedVarianceRatio()[1]).isCloseTo(0.0, within(1e-9));
        assertThat(Math.abs(dot(projection.component(0), WIDE))).isCloseTo(1.0, within(1e-9));
    }

    /** A bottleneck whose channels mostly never fire: the decomposition used before failed to converge on it. */
    @Test
    void shouldProjectLatentsOfMostlyDeadChannels() {
        float[][] latents = new float[300][512];
        java.util.Random random = new java.util.Random(3);
        for (float[] latent : latents) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            for (int j = 0; j < latent.length; j += 7) {
                latent[j] = (float) (a * Math.sin(j) + b * Math.cos(j / 3.0));
            }
        }

        LatentProjection projection = LatentProjection.fit(latents);

        assertThat(projection.explainedVarianceRatio()[0] + projection.explainedVarianceRatio()[1])
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void shouldWriteAScatterColouredByLabel(@TempDir Path dir) throws Exception {
        float[][] points = plane();
        int[] labels = new int[points.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < labels.length / 2 ? 0 : 3;
        }
        Path file = dir.resolve("plots/latent.png");
        LatentProjection.writeScatterPng(file, points, labels);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(LatentProjection.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LatentProjection.HEIGHT);
        assertThat(Pixels.count(image, 0x1f77b4)).as("label 0 in tab10 blue").isPositive();
        assertThat(Pixels.count(image, 0xd62728)).as("label 3 in tab10 red").isPositive();
        assertThat(Pixels.count(image, 0xff7f0e)).as("no label 1, so no orange").isZero();
    }

    @Test
    void shouldRejectTooFewVectorsOrLabels() {
        assertThatThrownBy(() -> LatentProjection.fit(new float[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatentProjection.writeScatterPng(Path.of("unused.png"), plane(), new int[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 labels");
    }

    private static float[][] plane() {
        float[][] points = new float[25][];
        int i = 0;
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                points[i++] = point(3.0 * a, b);
            }
        }
        return points;
    }

    private static float[] point(double wide, double narrow) {
        float[] point = new float[OFFSET.length];
        for (int j = 0; j < point.length; j++) {
            point[j] = (float) (OFFSET[j] + wide * WIDE[j] + narrow * NARROW[j]);
        }
        return point;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}

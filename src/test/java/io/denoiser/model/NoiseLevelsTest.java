package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseLevelsTest {

    @Test
    void shouldEstimateTheLevelOfGaussianNoiseOnASmoothImage() {
        int height = 256;
        int width = 300;
        Random random = new Random(1);
        for (double sigma : new double[] {5 / 255.0, 25 / 255.0}) {
            float[] image = new float[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double smooth = 0.5 + 0.3 * Math.sin(x / 40.0) * Math.cos(y / 30.0);
                    image[y * width + x] = (float) (smooth + sigma * random.nextGaussian());
                }
            }

            assertThat(NoiseLevels.estimate(image, 0, height, width)).isCloseTo((float) sigma, within((float) sigma * 0.05f));
        }
    }

    @Test
    void shouldNotTakeEdgesForNoise() {
        int size = 128;
        float[] steps = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                steps[y * size + x] = (x / 16 + y / 16) % 2;   // a chequerboard of 16-pixel squares
            }
        }

        assertThat(NoiseLevels.estimate(steps, 0, size, size)).isZero();
    }

    @Test
    void shouldReadOnlyThePlaneAtItsOffset() {
        float[] twoPlanes = new float[2 * 64];
        Random random = new Random(2);
        for (int i = 64; i < twoPlanes.length; i++) {
            twoPlanes[i] = (float) (0.5 + 0.1 * random.nextGaussian());
        }

        assertThat(NoiseLevels.estimate(twoPlanes, 0, 8, 8)).isZero();
        assertThat(NoiseLevels.estimate(twoPlanes, 64, 8, 8)).isGreaterThan(0.03f);
        assertThat(NoiseLevels.estimate(new float[3], 0, 1, 3)).isZero();
    }
}

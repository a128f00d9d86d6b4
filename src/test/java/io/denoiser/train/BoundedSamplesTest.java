package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import org.junit.jupiter.api.Test;

class BoundedSamplesTest {

    @Test
    void shouldDropTheOldestSamplesBeyondTheCount() {
        BoundedSamples samples = new BoundedSamples(2, 1_000);
        samples.add(image(1, 4, 4));
        samples.add(image(2, 4, 4));
        samples.add(image(3, 4, 4));

        assertThat(samples.size()).isEqualTo(2);
        assertThat(samples.elements()).isEqualTo(32);
        assertThat(samples.list()).extracting(t -> t.values()[0]).containsExactly(2f, 3f);
    }

    @Test
    void shouldDropTheOldestSamplesUntilTheirValuesFitAsImagesOfAnySizeArrive() {
        BoundedSamples samples = new BoundedSamples(100, 1_000);
        samples.add(image(1, 10, 30));
        samples.add(image(2, 20, 20));
        samples.add(image(3, 12, 25));

        assertThat(samples.list()).extracting(t -> t.values()[0]).containsExactly(1f, 2f, 3f);
        samples.add(image(4, 16, 16));

        assertThat(samples.list()).as("300 + 400 + 300 + 256 > 1000: the oldest goes")
                .extracting(t -> t.values()[0]).containsExactly(2f, 3f, 4f);
        assertThat(samples.elements()).isEqualTo(956);
        samples.add(image(5, 25, 40));
        assertThat(samples.list()).extracting(t -> t.values()[0]).containsExactly(5f);
    }

    @Test
    void shouldRefuseASampleLargerThanTheWholeWindowAndKeepTheOthers() {
        BoundedSamples samples = new BoundedSamples(100, 1_000);
        samples.add(image(1, 10, 10));

        assertThatThrownBy(() -> samples.add(image(2, 40, 40))).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("1600 values");
        assertThat(samples.size()).isEqualTo(1);
        assertThat(samples.elements()).isEqualTo(100);
    }

    private static Tensor image(float value, int height, int width) {
        float[] values = new float[height * width];
        java.util.Arrays.fill(values, value);
        return new Tensor(new int[] {height, width}, values);
    }
}

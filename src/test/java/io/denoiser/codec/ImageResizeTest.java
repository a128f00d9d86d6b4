package io.denoiser.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageResizeTest {

    @Test
    void shouldAverageBlocksWhenHalvingAndKeepAConstantImageConstant() {
        Tensor checker = new Tensor(new int[] {2, 4}, new float[] {0, 1, 0, 1, 1, 0, 1, 0});
        assertThat(ImageResize.bilinear(checker, 1, 2).values()).containsExactly(new float[] {0.5f, 0.5f}, within(1e-6f));
        Tensor grey = new Tensor(new int[] {3, 3}, new float[] {.4f, .4f, .4f, .4f, .4f, .4f, .4f, .4f, .4f});
        float[] stretched = ImageResize.bilinear(grey, 7, 5).values();
        float[] expected = new float[35];
        Arrays.fill(expected, .4f);
        assertThat(stretched).containsExactly(expected, within(1e-6f));
    }

    @Test
    void shouldInterpolateBetweenPixelCentresWhenDoubling() {
        Tensor ramp = new Tensor(new int[] {1, 2}, new float[] {0, 1});
        assertThat(ImageResize.bilinear(ramp, 1, 4).values()).containsExactly(new float[] {0, 0.25f, 0.75f, 1}, within(1e-6f));
    }
}

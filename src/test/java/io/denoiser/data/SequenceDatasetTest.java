package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

    private static final Normalization TWO_FEATURES =
            new Normalization(new float[] {0, 0}, new float[] {1, 1}, List.of("a", "b"));

    @Test
    void shouldKeepShapeLabelsAndNormalization() {
        SequenceDataset data = SequenceDataset.of(3, 2, windows(4), new int[] {5, 6, 7, 8}, TWO_FEATURES);
        assertThat(data.steps()).isEqualTo(3);
        assertThat(data.features()).isEqualTo(2);
        assertThat(data.size()).isEqualTo(4);
        assertThat(data.window(2)).containsExactly(windows(4)[2]);
        assertThat(data.windows()).hasDimensions(4, 6);
        assertThat(data.labels()).containsExactly(5, 6, 7, 8);
        assertThat(data.normalization()).isEqualTo(TWO_FEATURES);
    }

    @Test
    void shouldNeverExposeItsStorage() {
        float[][] source = windows(2);
        int[] labels = {1, 2};
        SequenceDataset data = SequenceDataset.of(3, 2, source, labels, null);
        source[0][0] = 99;
        labels[0] = 99;
        data.window(0)[1] = 99;
        data.windows()[0][2] = 99;
        data.labels()[1] = 99;
        assertThat(data.window(0)).containsExactly(windows(2)[0]);
        assertThat(data.labels()).containsExactly(1, 2);
    }

    @Test
    void shouldSliceWindowsWithTheirLabels() {
        SequenceDataset data = SequenceDataset.of(3, 2, windows(5), new int[] {0, 1, 2, 3, 4}, TWO_FEATURES);
        SequenceDataset slice = data.slice(1, 4);
        assertThat(slice.size()).isEqualTo(3);
        assertThat(slice.window(0)).containsExactly(data.window(1));
        assertThat(slice.labels()).containsExactly(1, 2, 3);
        assertThat(slice.normalization()).isSameAs(data.normalization());
        assertThat(data.slice(2, 2).size()).isZero();
        assertThatThrownBy(() -> data.slice(3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> data.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldAllowDataWithoutLabelsOrNormalization() {
        SequenceDataset data = SequenceDataset.of(3, 2, windows(2), null, null);
        assertThat(data.labels()).isNull();
        assertThat(data.normalization()).isNull();
        assertThat(data.slice(0, 1).labels()).isNull();
    }

    @Test
    void shouldRefuseInconsistentContents() {
        assertThatThrownBy(() -> SequenceDataset.of(4, 2, windows(2), null, null))
                .hasMessageContaining("window 0 has 6 values, expected 4 x 2 = 8");
        assertThatThrownBy(() -> SequenceDataset.of(3, 2, windows(2), new int[] {1}, null))
                .hasMessageContaining("1 labels for 2 windows");
        assertThatThrownBy(() -> SequenceDataset.of(2, 3, windows(2), null, TWO_FEATURES))
                .hasMessageContaining("normalization has 2 features");
        float[][] withNaN = windows(2);
        withNaN[1][4] = Float.NaN;
        assertThatThrownBy(() -> SequenceDataset.of(3, 2, withNaN, null, null)).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> SequenceDataset.of(0, 2, new float[0][], null, null)).hasMessageContaining("steps >= 1");
    }

    @Test
    void shouldRefuseSizesBeyondTheLimitBeforeAllocating() {
        assertThatThrownBy(() -> SequenceDataset.requireSize(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .hasMessageContaining("exceed the limit");
        assertThatThrownBy(() -> SequenceDataset.requireSize(0, 1 << 20, 1 << 20)).hasMessageContaining("exceed the limit");
        SequenceDataset.requireSize(1024, 256, 256);
    }

    private static float[][] windows(int count) {
        float[][] windows = new float[count][];
        for (int i = 0; i < count; i++) {
            windows[i] = window(i);
        }
        return windows;
    }

    private static float[] window(int i) {
        float[] window = new float[6];
        for (int v = 0; v < window.length; v++) {
            window[v] = (i * 6 + v) / 100f;
        }
        return window;
    }
}

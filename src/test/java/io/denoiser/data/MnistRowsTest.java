package io.denoiser.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MnistRowsTest {

    @Test
    void shouldTurnEachImageRowIntoOneTimeStepKeepingLabels() {
        MnistDataset digits = MnistDataset.bundled().testSplit();
        SequenceDataset sequences = MnistRows.sequences(digits);
        assertThat(sequences.size()).isEqualTo(digits.size());
        assertThat(sequences.steps()).isEqualTo(28);
        assertThat(sequences.features()).isEqualTo(28);
        assertThat(sequences.normalization()).isNull();
        int[] labels = sequences.labels();
        for (int i : new int[] {0, 17, digits.size() - 1}) {
            assertThat(labels[i]).isEqualTo(digits.label(i));
            float[] image = digits.image(i);
            float[] window = sequences.window(i);
            // pixel (row 12, column 5) is feature 5 of time step 12
            assertThat(window[12 * sequences.features() + 5]).isEqualTo(image[12 * 28 + 5]);
            assertThat(window).containsExactly(image);
        }
    }
}

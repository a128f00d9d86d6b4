package io.denoiser.data;

/**
 * MNIST digits read as sequences, one image row per time step, so the sequence models can be compared
 * with the image models on the very same digits.
 */
public final class MnistRows {

    private MnistRows() {
    }

    /** Each image as a window of {@code rows} steps by {@code cols} features (28 x 28), labels kept. */
    public static SequenceDataset sequences(MnistDataset digits) {
        SequenceDataset.requireSize(digits.size(), digits.rows(), digits.cols());
        int[] labels = new int[digits.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.label(i);
        }
        // A row-major image already is a time-major window: row r is time step r.
        return SequenceDataset.adopt(digits.rows(), digits.cols(), digits.images(), labels, null);
    }
}

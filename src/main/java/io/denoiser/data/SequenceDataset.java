package io.denoiser.data;

import java.util.Arrays;

/**
 * An immutable set of equally shaped windows of a multivariate series, the input of the sequence
 * autoencoders. A window is {@code steps() * features()} floats, time-major: row {@code t} holds the
 * {@code features()} values of time step {@code t}. Values are normally in [0, 1] (the models end in a
 * sigmoid); this class only insists that they are finite.
 */
public final class SequenceDataset {

    /** The most values one data set may hold (256 MB of floats), so untrusted sizes cannot exhaust the heap. */
    public static final long MAX_VALUES = 1L << 26;

    private final int steps;
    private final int features;
    private final float[][] windows;
    private final int[] labels;
    private final Normalization normalization;

    private SequenceDataset(int steps, int features, float[][] windows, int[] labels, Normalization normalization) {
        this.steps = steps;
        this.features = features;
        this.windows = windows;
        this.labels = labels;
        this.normalization = normalization;
        validate();
    }

    /**
     * A data set holding copies of {@code windows}. {@code labels} (one per window) and {@code normalization}
     * (how the values were scaled from their source units) may be null.
     */
    public static SequenceDataset of(int steps, int features, float[][] windows, int[] labels,
                                     Normalization normalization) {
        return new SequenceDataset(steps, features, deepCopy(windows), labels == null ? null : labels.clone(),
                normalization);
    }

    /** Takes ownership of {@code windows}: for this package's loaders, which never touch them again. */
    static SequenceDataset adopt(int steps, int features, float[][] windows, int[] labels, Normalization normalization) {
        return new SequenceDataset(steps, features, windows, labels, normalization);
    }

    /** Refuses shapes whose total would exceed {@link #MAX_VALUES}, before anything is allocated. */
    static void requireSize(long count, long steps, long features) {
        if (count < 0 || steps < 1 || features < 1) {
            throw new IllegalArgumentException("need count >= 0, steps >= 1, features >= 1; got "
                    + count + " x " + steps + " x " + features);
        }
        if (steps * features > MAX_VALUES || count * (steps * features) > MAX_VALUES) {
            throw new IllegalArgumentException(count + " windows of " + steps + " x " + features
                    + " exceed the limit of " + MAX_VALUES + " values");
        }
    }

    private void validate() {
        requireSize(windows.length, steps, features);
        int length = steps * features;
        for (int i = 0; i < windows.length; i++) {
            if (windows[i].length != length) {
                throw new IllegalArgumentException("window " + i + " has " + windows[i].length + " values, expected "
                        + steps + " x " + features + " = " + length);
            }
            for (float value : windows[i]) {
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("window " + i + " holds a non-finite value: " + value);
                }
            }
        }
        if (labels != null && labels.length != windows.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + windows.length + " windows");
        }
        if (normalization != null && normalization.features() != features) {
            throw new IllegalArgumentException("normalization has " + normalization.features()
                    + " features, windows have " + features);
        }
    }

    public int steps() {
        return steps;
    }

    public int features() {
        return features;
    }

    public int size() {
        return windows.length;
    }

    /** A copy of window {@code i}. */
    public float[] window(int i) {
        return windows[checkIndex(i)].clone();
    }

    /** Copies of all windows, in order. */
    public float[][] windows() {
        return deepCopy(windows);
    }

    /** One label per window (e.g. the digit of an MNIST row sequence), or null when the data has none. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** How the values were scaled from their source units, or null when they were not (or need no inverse). */
    public Normalization normalization() {
        return normalization;
    }

    /** Windows {@code from} (inclusive) to {@code to} (exclusive), with their labels and normalization. */
    public SequenceDataset slice(int from, int to) {
        if (from < 0 || to > windows.length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + windows.length);
        }
        int[] sliceLabels = labels == null ? null : Arrays.copyOfRange(labels, from, to);
        // Sharing the inner arrays is safe: no window is ever handed out or changed in place.
        return new SequenceDataset(steps, features, Arrays.copyOfRange(windows, from, to), sliceLabels, normalization);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= windows.length) {
            throw new IndexOutOfBoundsException("window " + i + " of " + windows.length);
        }
        return i;
    }

    private static float[][] deepCopy(float[][] windows) {
        float[][] copy = new float[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            copy[i] = windows[i].clone();
        }
        return copy;
    }
}

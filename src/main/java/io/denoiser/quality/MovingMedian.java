package io.denoiser.quality;

import java.util.Arrays;

/**
 * The classical baseline for sequences: each feature's moving median over time, with the first and last
 * steps replicated at the edges so the output keeps the input's length.
 */
public final class MovingMedian {

    public static final int DEFAULT_WINDOW = 5;

    private MovingMedian() {
    }

    /** {@link #apply(float[], int, int, int)} with a window of {@value #DEFAULT_WINDOW} steps. */
    public static float[] apply(float[] sequence, int steps, int features) {
        return apply(sequence, steps, features, DEFAULT_WINDOW);
    }

    /**
     * @param sequence time-major values: step {@code t} holds features {@code t * features} to
     *                 {@code t * features + features - 1}
     * @param window   an odd number of steps centred on each step
     */
    public static float[] apply(float[] sequence, int steps, int features, int window) {
        if (window < 1 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and positive, got " + window);
        }
        if (steps < 1 || features < 1 || sequence.length != steps * features) {
            throw new IllegalArgumentException("expected " + steps + " steps x " + features
                    + " features, got " + sequence.length + " values");
        }
        int half = window / 2;
        float[] result = new float[sequence.length];
        float[] neighbours = new float[window];
        for (int f = 0; f < features; f++) {
            for (int t = 0; t < steps; t++) {
                for (int k = 0; k < window; k++) {
                    int step = Math.min(steps - 1, Math.max(0, t + k - half));
                    neighbours[k] = sequence[step * features + f];
                }
                Arrays.sort(neighbours);
                result[t * features + f] = neighbours[half];
            }
        }
        return result;
    }
}

package io.denoiser.model;

import java.util.Random;

/** Array helpers for model tests. */
final class FloatArrays {

    private FloatArrays() {
    }

    /** The rows one after another in a single array. */
    static float[] concat(float[][] rows) {
        int length = 0;
        for (float[] row : rows) {
            length += row.length;
        }
        float[] flat = new float[length];
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
        return flat;
    }

    /** {@code count} arrays of {@code size} uniform values in [0, 1), the same for every call. */
    static float[][] randomWindows(int count, int size) {
        Random random = new Random(3);
        float[][] windows = new float[count][size];
        for (float[] window : windows) {
            for (int i = 0; i < size; i++) {
                window[i] = random.nextFloat();
            }
        }
        return windows;
    }
}

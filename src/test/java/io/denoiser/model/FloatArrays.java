package io.denoiser.model;

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
}

package io.denoiser.quality;

import java.util.Arrays;

/** The classical denoising baseline: a 3x3 median with replicated edges. */
public final class MedianFilter {

    private MedianFilter() {
    }

    public static float[] median3x3(float[] image, int rows, int cols) {
        float[] result = new float[image.length];
        float[] window = new float[9];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = Math.min(rows - 1, Math.max(0, r + dr));
                        int cc = Math.min(cols - 1, Math.max(0, c + dc));
                        window[n++] = image[rr * cols + cc];
                    }
                }
                Arrays.sort(window);
                result[r * cols + c] = window[4];
            }
        }
        return result;
    }
}

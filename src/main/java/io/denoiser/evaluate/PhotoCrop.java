package io.denoiser.evaluate;

import io.denoiser.quality.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The same window of a photo as clean, noisy, 3x3 median and model output, for people to compare: noise
 * and blur are invisible in a whole photo scaled down, so the window is taken at full resolution from the
 * photo's centre.
 */
public record PhotoCrop(int height, int width, float[] clean, float[] noisy, float[] median, float[] model) {

    /** Side of the square window; smaller photos are shown whole. */
    static final int SIDE = 128;
    /** Each pixel drawn as a 2x2 block, so that single-pixel noise stays visible. */
    private static final int SCALE = 2;

    /** The centre window of four planes of {@code height} x {@code width}. */
    static PhotoCrop centre(int height, int width, float[] clean, float[] noisy, float[] median, float[] model) {
        int rows = Math.min(SIDE, height);
        int columns = Math.min(SIDE, width);
        int top = (height - rows) / 2;
        int left = (width - columns) / 2;
        return new PhotoCrop(rows, columns, cut(clean, width, top, left, rows, columns),
                cut(noisy, width, top, left, rows, columns), cut(median, width, top, left, rows, columns),
                cut(model, width, top, left, rows, columns));
    }

    /** Clean | noisy | median | model side by side, as one PNG. */
    void writePng(Path file) throws IOException {
        ImageGrid.writePng(file, List.<float[][]>of(new float[][] {clean, noisy, median, model}), height, width, SCALE);
    }

    private static float[] cut(float[] plane, int planeWidth, int top, int left, int rows, int columns) {
        float[] window = new float[rows * columns];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(plane, (top + y) * planeWidth + left, window, y * columns, columns);
        }
        return window;
    }
}

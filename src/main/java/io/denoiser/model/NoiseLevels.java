package io.denoiser.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Estimates the standard deviation of white Gaussian noise in an image plane, as Donoho and Johnstone do:
 * the median absolute value of the finest diagonal Haar details, divided by 0.6745. Diagonal details of a
 * natural image are mostly near zero, so their median follows the noise and not the edges, and one
 * estimate from the whole plane sees far more than any network's receptive field.
 */
final class NoiseLevels {

    /** The median of |N(0, 1)|. */
    private static final double GAUSSIAN_MAD = 0.6744897501960817;

    private NoiseLevels() {
    }

    /**
     * @param values {@code height * width} values of one plane, row by row, from {@code offset}
     * @return the estimated noise level, in the units of the values; 0 for a plane under 2 x 2 pixels
     */
    static float estimate(float[] values, int offset, int height, int width) {
        int rows = height / 2;
        int columns = width / 2;
        if (rows == 0 || columns == 0) {
            return 0;
        }
        float[] details = new float[rows * columns];
        for (int y = 0; y < rows; y++) {
            int top = offset + 2 * y * width;
            int bottom = top + width;
            for (int x = 0; x < columns; x++) {
                int left = 2 * x;
                // the orthonormal Haar HH coefficient keeps the noise's standard deviation
                details[y * columns + x] = Math.abs(values[top + left] - values[top + left + 1]
                        - values[bottom + left] + values[bottom + left + 1]) / 2;
            }
        }
        Arrays.sort(details);
        int middle = details.length / 2;
        double median = details.length % 2 == 1 ? details[middle] : (details[middle - 1] + details[middle]) / 2.0;
        return (float) (median / GAUSSIAN_MAD);
    }

    /**
     * One map per sample of a batch of {@code shape} (batch first, one channel, in either channel order),
     * every value of map {@code i} {@code levels[i]}, in the pixels' own units as FFDNet feeds it: scaled up,
     * the map would outweigh the image in the first layer of a freshly initialised network and slow its
     * training (docs/models.md).
     */
    static INDArray maps(float[] levels, long[] shape) {
        INDArray maps = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        for (int i = 0; i < levels.length; i++) {
            maps.slice(i).assign(levels[i]);
        }
        return maps;
    }
}

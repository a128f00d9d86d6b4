package io.denoiser.embedding;

/**
 * A 2-D Gaussian blur of rows × cols images (row-major, one float per pixel) as a linear map G: the blurred image is
 * G x, each output pixel a weighted mean of all input pixels with weights exp(−d² / 2σ²) per axis, normalised to
 * sum to 1 per output pixel (so near the border the weights are renormalised over the pixels that exist). It is
 * separable, so it is applied one axis at a time, never as an N × N matrix.
 *
 * <p>Folding: for a projection P fitted on blurred, centred images, (G x − G μ) · P = (x − μ) · (Gᵀ P), so the
 * stored matrix is {@link #foldInto Gᵀ P} and the blur costs nothing per record.
 */
public final class GaussianBlur {

    private final int rows;
    private final int cols;
    private final double[][] rowWeights;   // [output row][input row]
    private final double[][] colWeights;   // [output col][input col]

    public GaussianBlur(int rows, int cols, double sigma) {
        if (rows < 1 || cols < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("need a positive image size and sigma: " + rows + " × " + cols
                    + ", sigma " + sigma);
        }
        this.rows = rows;
        this.cols = cols;
        this.rowWeights = weights(rows, sigma);
        this.colWeights = weights(cols, sigma);
    }

    private static double[][] weights(int size, double sigma) {
        double[][] weights = new double[size][size];
        for (int o = 0; o < size; o++) {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                weights[o][i] = Math.exp(-(double) (o - i) * (o - i) / (2 * sigma * sigma));
                sum += weights[o][i];
            }
            for (int i = 0; i < size; i++) {
                weights[o][i] /= sum;
            }
        }
        return weights;
    }

    /** G x. */
    public float[] apply(float[] image) {
        double[] in = new double[image.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = image[i];
        }
        return Matrices.toFloat(apply(in, false));
    }

    /** G x, or Gᵀ x when {@code transposed}. */
    double[] apply(double[] image, boolean transposed) {
        if (image.length != rows * cols) {
            throw new IllegalArgumentException("images must have " + rows + " × " + cols + " values, not "
                    + image.length);
        }
        double[] alongCols = new double[image.length];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < cols; o++) {
                double sum = 0;
                for (int i = 0; i < cols; i++) {
                    sum += (transposed ? colWeights[i][o] : colWeights[o][i]) * image[r * cols + i];
                }
                alongCols[r * cols + o] = sum;
            }
        }
        double[] blurred = new double[image.length];
        for (int c = 0; c < cols; c++) {
            for (int o = 0; o < rows; o++) {
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    sum += (transposed ? rowWeights[i][o] : rowWeights[o][i]) * alongCols[i * cols + c];
                }
                blurred[o * cols + c] = sum;
            }
        }
        return blurred;
    }

    /** Every row blurred. */
    public float[][] applyAll(float[][] images) {
        float[][] blurred = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            blurred[i] = apply(images[i]);
        }
        return blurred;
    }

    /** Gᵀ P for an N × k projection P: the matrix that projects unblurred centred images as P projects blurred ones. */
    public double[][] foldInto(double[][] projection) {
        int k = projection[0].length;
        double[][] folded = new double[projection.length][k];
        double[] column = new double[projection.length];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = projection[i][j];
            }
            double[] out = apply(column, true);
            for (int i = 0; i < column.length; i++) {
                folded[i][j] = out[i];
            }
        }
        return folded;
    }
}

package io.denoiser.quality;

/**
 * Structural similarity (Wang et al. 2004) of grayscale images with pixels in [0, 1]: an 11x11 Gaussian
 * window with sigma 1.5, K1 = 0.01, K2 = 0.03, population (co)variances, averaged over the window positions
 * that lie wholly inside the image. That is the figure scikit-image's {@code structural_similarity(...,
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1)} reports.
 */
public final class Ssim {

    private static final double SIGMA = 1.5;
    /** scikit-image and SciPy truncate the Gaussian at 3.5 sigma: radius int(3.5 * 1.5 + 0.5) = 5. */
    private static final int RADIUS = 5;
    /** The smallest side an image may have: one whole window. */
    public static final int WINDOW = 2 * RADIUS + 1;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = gaussianKernel();

    private Ssim() {
    }

    public static double ssim(float[] a, float[] b, int rows, int cols) {
        requireShape(a, b, rows, cols);
        double[] x = new double[a.length];
        double[] y = new double[a.length];
        double[] xx = new double[a.length];
        double[] yy = new double[a.length];
        double[] xy = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = a[i];
            y[i] = b[i];
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] meanX = blur(x, rows, cols);
        double[] meanY = blur(y, rows, cols);
        double[] meanXx = blur(xx, rows, cols);
        double[] meanYy = blur(yy, rows, cols);
        double[] meanXy = blur(xy, rows, cols);
        double sum = 0;
        for (int i = 0; i < meanX.length; i++) {
            double varianceX = meanXx[i] - meanX[i] * meanX[i];
            double varianceY = meanYy[i] - meanY[i] * meanY[i];
            double covariance = meanXy[i] - meanX[i] * meanY[i];
            sum += (2 * meanX[i] * meanY[i] + C1) * (2 * covariance + C2)
                    / ((meanX[i] * meanX[i] + meanY[i] * meanY[i] + C1) * (varianceX + varianceY + C2));
        }
        return sum / meanX.length;
    }

    /** Mean of per-image SSIM, pairing {@code a[i]} with {@code b[i]}. */
    public static double meanSsim(float[][] a, float[][] b, int rows, int cols) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("image sets differ in size: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += ssim(a[i], b[i], rows, cols);
        }
        return sum / a.length;
    }

    private static void requireShape(float[] a, float[] b, int rows, int cols) {
        if (rows < WINDOW || cols < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + ", got " + rows + "x" + cols);
        }
        if (a.length != rows * cols || b.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " images, got "
                    + a.length + " and " + b.length + " pixels");
        }
    }

    /**
     * Gaussian-weighted means at every window position that fits inside the image, row-major over
     * (rows - 10) x (cols - 10). The separable kernel is applied along rows, then along columns.
     */
    private static double[] blur(double[] image, int rows, int cols) {
        int outCols = cols - 2 * RADIUS;
        int outRows = rows - 2 * RADIUS;
        double[] alongRows = new double[rows * outCols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < outCols; c++) {
                double sum = 0;
                for (int k = 0; k < WINDOW; k++) {
                    sum += KERNEL[k] * image[r * cols + c + k];
                }
                alongRows[r * outCols + c] = sum;
            }
        }
        double[] blurred = new double[outRows * outCols];
        for (int r = 0; r < outRows; r++) {
            for (int c = 0; c < outCols; c++) {
                double sum = 0;
                for (int k = 0; k < WINDOW; k++) {
                    sum += KERNEL[k] * alongRows[(r + k) * outCols + c];
                }
                blurred[r * outCols + c] = sum;
            }
        }
        return blurred;
    }

    private static double[] gaussianKernel() {
        double[] kernel = new double[WINDOW];
        double total = 0;
        for (int k = 0; k < WINDOW; k++) {
            int offset = k - RADIUS;
            kernel[k] = Math.exp(-0.5 * offset * offset / (SIGMA * SIGMA));
            total += kernel[k];
        }
        for (int k = 0; k < WINDOW; k++) {
            kernel[k] /= total;
        }
        return kernel;
    }
}

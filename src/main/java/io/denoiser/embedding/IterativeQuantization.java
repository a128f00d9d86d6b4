package io.denoiser.embedding;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * Iterative quantization (Gong &amp; Lazebnik, 2011): a rotation R of centred projections V (n × b) such that the
 * binary code sign(V R) loses little: it alternates B = sign(V R) and R = argmin ‖V R − B‖ (orthogonal Procrustes),
 * starting from a seeded random rotation. Compared with the sign of V itself, it spreads the variance over the bits
 * instead of spending bits on the few high-variance directions.
 */
public final class IterativeQuantization {

    private IterativeQuantization() {
    }

    /** The b × b rotation after {@code iterations} alternations from {@link #randomRotation(int, long)}. */
    public static double[][] rotation(double[][] values, int iterations, long seed) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must not be negative: " + iterations);
        }
        double[][] rotation = randomRotation(values[0].length, seed);
        for (int i = 0; i < iterations; i++) {
            rotation = OrthogonalProcrustes.rotation(values, signs(Matrices.multiply(values, rotation)));
        }
        return rotation;
    }

    /** The mean squared quantisation loss ‖sign(V R) − V R‖² / n. */
    public static double quantisationError(double[][] values, double[][] rotation) {
        double[][] rotated = Matrices.multiply(values, rotation);
        return Math.pow(Matrices.frobenius(Matrices.subtract(signs(rotated), rotated)), 2) / values.length;
    }

    /** A random orthogonal matrix: the Q of the QR decomposition of a seeded Gaussian matrix. */
    public static double[][] randomRotation(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] gaussian = new double[size][size];
        for (double[] row : gaussian) {
            for (int j = 0; j < size; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(gaussian, false)).getQ().getData();
    }

    /** +1 where positive, else −1 (a zero counts as −1, as the hash's bit k is set only when its value is > 0). */
    static double[][] signs(double[][] values) {
        double[][] signs = new double[values.length][values[0].length];
        for (int r = 0; r < values.length; r++) {
            for (int c = 0; c < values[r].length; c++) {
                signs[r][c] = values[r][c] > 0 ? 1 : -1;
            }
        }
        return signs;
    }
}

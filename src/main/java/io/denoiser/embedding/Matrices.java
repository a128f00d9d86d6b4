package io.denoiser.embedding;

/** Dense row-major helpers on plain arrays for the embedding fit; matrices are {@code double[rows][cols]}. */
final class Matrices {

    private Matrices() {
    }

    static double[] mean(float[][] rows) {
        int size = rows[0].length;
        double[] mean = new double[size];
        for (float[] row : rows) {
            requireLength(row, size);
            for (int i = 0; i < size; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < size; i++) {
            mean[i] /= rows.length;
        }
        return mean;
    }

    static double[][] centre(float[][] rows, double[] mean) {
        double[][] centred = new double[rows.length][mean.length];
        for (int r = 0; r < rows.length; r++) {
            requireLength(rows[r], mean.length);
            for (int i = 0; i < mean.length; i++) {
                centred[r][i] = rows[r][i] - mean[i];
            }
        }
        return centred;
    }

    /** a · b. */
    static double[][] multiply(double[][] a, double[][] b) {
        int inner = b.length;
        int cols = b[0].length;
        double[][] product = new double[a.length][cols];
        for (int r = 0; r < a.length; r++) {
            double[] out = product[r];
            double[] row = a[r];
            for (int i = 0; i < inner; i++) {
                double v = row[i];
                double[] bi = b[i];
                for (int c = 0; c < cols; c++) {
                    out[c] += v * bi[c];
                }
            }
        }
        return product;
    }

    /** aᵀ · b, for a and b with the same number of rows. */
    static double[][] transposeMultiply(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("row counts differ: " + a.length + " and " + b.length);
        }
        double[][] product = new double[a[0].length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            double[] ar = a[r];
            double[] br = b[r];
            for (int i = 0; i < ar.length; i++) {
                double v = ar[i];
                double[] out = product[i];
                for (int c = 0; c < br.length; c++) {
                    out[c] += v * br[c];
                }
            }
        }
        return product;
    }

    /** Multiplies column j of {@code m} by {@code scale[j]}, in place. */
    static double[][] scaleColumns(double[][] m, double[] scale) {
        for (double[] row : m) {
            for (int j = 0; j < scale.length; j++) {
                row[j] *= scale[j];
            }
        }
        return m;
    }

    static double frobenius(double[][] m) {
        double sum = 0;
        for (double[] row : m) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    static double[][] subtract(double[][] a, double[][] b) {
        double[][] difference = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            difference[r] = new double[a[r].length];
            for (int c = 0; c < a[r].length; c++) {
                difference[r][c] = a[r][c] - b[r][c];
            }
        }
        return difference;
    }

    static double[][] identity(int size) {
        double[][] identity = new double[size][size];
        for (int i = 0; i < size; i++) {
            identity[i][i] = 1;
        }
        return identity;
    }

    static double[][] copy(double[][] m) {
        double[][] copy = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            copy[r] = m[r].clone();
        }
        return copy;
    }

    /** Row-major float copy of an N × k matrix. */
    static float[] flatten(double[][] m) {
        int cols = m[0].length;
        float[] flat = new float[m.length * cols];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < cols; c++) {
                flat[r * cols + c] = (float) m[r][c];
            }
        }
        return flat;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static void requireLength(float[] row, int size) {
        if (row.length != size) {
            throw new IllegalArgumentException("rows must all have " + size + " values, not " + row.length);
        }
    }
}

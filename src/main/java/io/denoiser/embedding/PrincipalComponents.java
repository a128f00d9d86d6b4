package io.denoiser.embedding;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The leading principal components of a data set (one row per item): its mean and the top {@code k} eigenpairs of
 * the covariance of its centred rows, largest variance first. The covariance is N×N (784×784 for digits), so the
 * cost of the eigendecomposition does not grow with the number of rows. Each component's sign is fixed so that its
 * largest-magnitude entry is positive, which makes the result deterministic.
 */
public final class PrincipalComponents {

    private final double[] mean;
    private final double[][] components;   // N × k: column j is component j
    private final double[] variances;

    private PrincipalComponents(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /** Fits the top {@code k} components of {@code rows} (n items × N values, n ≥ 2). */
    public static PrincipalComponents fit(float[][] rows, int k) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("need at least 2 rows to fit principal components, not " + rows.length);
        }
        int size = rows[0].length;
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("cannot keep " + k + " components of " + size + " values");
        }
        double[] mean = Matrices.mean(rows);
        double[][] covariance = covariance(rows, mean);
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(size, true, true);
        if (!eigen.decompose(new DMatrixRMaj(covariance))) {
            throw new IllegalStateException("the eigendecomposition of a " + size + "x" + size + " covariance failed");
        }
        double[] values = new double[size];
        Arrays.setAll(values, i -> eigen.getEigenvalue(i).real);
        Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double[][] components = new double[size][k];
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) {
            double[] column = eigen.getEigenVector(order[j]).getData();
            int largest = 0;
            for (int i = 1; i < size; i++) {
                if (Math.abs(column[i]) > Math.abs(column[largest])) {
                    largest = i;
                }
            }
            double sign = column[largest] < 0 ? -1 : 1;
            for (int i = 0; i < size; i++) {
                components[i][j] = sign * column[i];
            }
            variances[j] = Math.max(values[order[j]], 0);
        }
        return new PrincipalComponents(mean, components, variances);
    }

    /** The unbiased covariance of the rows about {@code mean}, accumulated in double precision. */
    static double[][] covariance(float[][] rows, double[] mean) {
        int size = mean.length;
        double[][] sums = new double[size][size];
        double[] centred = new double[size];
        for (float[] row : rows) {
            Matrices.requireLength(row, size);
            for (int i = 0; i < size; i++) {
                centred[i] = row[i] - mean[i];
            }
            for (int i = 0; i < size; i++) {
                double ci = centred[i];
                double[] sum = sums[i];
                for (int j = i; j < size; j++) {
                    sum[j] += ci * centred[j];
                }
            }
        }
        double scale = 1.0 / (rows.length - 1);
        for (int i = 0; i < size; i++) {
            for (int j = i; j < size; j++) {
                sums[i][j] *= scale;
                sums[j][i] = sums[i][j];
            }
        }
        return sums;
    }

    /** The centred rows in component coordinates: (x − mean) · components, n × k. */
    public double[][] project(float[][] rows) {
        return Matrices.multiply(Matrices.centre(rows, mean), components);
    }

    public double[] mean() {
        return mean.clone();
    }

    /** N × k, column j the j-th component (unit length). */
    public double[][] components() {
        return Matrices.copy(components);
    }

    /** The variance along each component (the covariance's eigenvalues), descending. */
    public double[] variances() {
        return variances.clone();
    }

    public int count() {
        return variances.length;
    }
}

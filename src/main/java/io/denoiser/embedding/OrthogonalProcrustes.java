package io.denoiser.embedding;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Orthogonal Procrustes: the rotation (orthogonal matrix) R minimising ‖S R − T‖ for two sets of vectors S and T of
 * the same items (n × d each): R = U Vᵀ from the singular value decomposition U Σ Vᵀ of Sᵀ T. A rotation keeps the
 * source's norms and cosines, so aligning one space onto another changes no neighbourhoods within it.
 */
public final class OrthogonalProcrustes {

    private OrthogonalProcrustes() {
    }

    /** The d × d orthogonal R minimising ‖source · R − target‖ (Frobenius). */
    public static double[][] rotation(double[][] source, double[][] target) {
        if (source.length != target.length || source.length == 0 || source[0].length != target[0].length) {
            throw new IllegalArgumentException("source and target must be the same n × d: " + source.length + " × "
                    + (source.length == 0 ? 0 : source[0].length) + " and " + target.length + " × "
                    + (target.length == 0 ? 0 : target[0].length));
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(
                new Array2DRowRealMatrix(Matrices.transposeMultiply(source, target), false));
        return svd.getU().multiply(svd.getVT()).getData();
    }

    /** The relative residual ‖source · R − target‖ / ‖target‖ of an alignment. */
    public static double residual(double[][] source, double[][] rotation, double[][] target) {
        return Matrices.frobenius(Matrices.subtract(Matrices.multiply(source, rotation), target))
                / Matrices.frobenius(target);
    }
}

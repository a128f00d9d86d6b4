package io.denoiser.embedding;

import java.util.Locale;
import java.util.UUID;

/**
 * Fits a model version's embedding and hash on its own denoised outputs of a window (issue 15; the design and its
 * figures are in {@code docs/2026-11-30-latent-embedding-probe.md}), without labels:
 *
 * <ul>
 *   <li>embedding: e = (x̂ − μ) W, W = V diag(λ^−a) R_e, with V, λ the top-D principal components of the outputs and
 *       R_e a D × D rotation (identity for the first version of a space);</li>
 *   <li>hash: bit k of sign((x̂ − μ) H), H = Gᵀ V_b R_h, with G the Gaussian blur, V_b the top principal components
 *       of the blurred outputs and R_h an ITQ rotation (first version) or the Procrustes rotation onto the parent's
 *       pre-sign values (later versions, so the space's ITQ rotation is inherited).</li>
 * </ul>
 *
 * A candidate with a parent keeps the parent's space id when, on the window, the aligned embedding's relative residual
 * is at most {@link EmbeddingSettings#maxResidual()} and its hash agrees on at least
 * {@link EmbeddingSettings#minBitAgreement()} of the bits; otherwise it starts a new space.
 */
public final class EmbeddingFit {

    /** The candidate's own fit before any rotation: μ, V diag(λ^−a) and its values Z, Gᵀ V_b and its values P. */
    private record Basis(double[] mean, double[][] embedding, double[][] embeddingValues, double[][] hashing,
                         double[][] hashValues) {
    }

    private EmbeddingFit() {
    }

    /** The first version of a new space: R_e = I, R_h = ITQ from a random rotation seeded with {@code seed}. */
    public static FittedEmbedding first(float[][] outputs, int imageRows, int imageCols, EmbeddingSettings settings,
                                        long seed) {
        Basis basis = basis(outputs, imageRows, imageCols, settings);
        return new FittedEmbedding(fresh(basis, settings, seed), newSpaceId(), false, Double.NaN, Double.NaN, false,
                "first version of a new space");
    }

    /**
     * A later version: aligned onto {@code parent} on the window, keeping its space when the alignment is good.
     * {@code candidateOutputs} and {@code parent.windowOutputs()} must be the two models' outputs on the same noisy
     * inputs in the same order.
     */
    public static FittedEmbedding aligned(float[][] candidateOutputs, String candidateArchitecture,
                                          EmbeddingParent parent, int imageRows, int imageCols,
                                          EmbeddingSettings settings, long seed) {
        if (parent.windowOutputs().length != candidateOutputs.length) {
            throw new IllegalArgumentException("the parent's window has " + parent.windowOutputs().length
                    + " outputs, the candidate's " + candidateOutputs.length + ": they must be the same inputs");
        }
        String incompatible = incompatibility(candidateOutputs[0].length, candidateArchitecture, parent, settings);
        Basis basis = basis(candidateOutputs, imageRows, imageCols, settings);
        if (incompatible != null) {
            return new FittedEmbedding(fresh(basis, settings, seed), newSpaceId(), false, Double.NaN, Double.NaN,
                    false, "new space: " + incompatible);
        }
        EmbeddingProjection old = parent.projection();
        double[][] oldValues = new double[candidateOutputs.length][];
        double[][] oldHashValues = new double[candidateOutputs.length][];
        for (int i = 0; i < candidateOutputs.length; i++) {
            oldValues[i] = old.embedValues(parent.windowOutputs()[i]);
            oldHashValues[i] = old.hashValues(parent.windowOutputs()[i]);
        }
        double[][] embedRotation = OrthogonalProcrustes.rotation(basis.embeddingValues(), oldValues);
        double[][] hashRotation = OrthogonalProcrustes.rotation(basis.hashValues(), oldHashValues);
        EmbeddingProjection candidate = projection(basis, embedRotation, hashRotation, settings);
        double[][] newValues = new double[candidateOutputs.length][];
        for (int i = 0; i < candidateOutputs.length; i++) {
            newValues[i] = candidate.embedValues(candidateOutputs[i]);
        }
        double residual = Matrices.frobenius(Matrices.subtract(newValues, oldValues)) / Matrices.frobenius(oldValues);
        double agreement = bitAgreement(candidate.hashAll(candidateOutputs), old.hashAll(parent.windowOutputs()),
                settings.bits());
        String measured = String.format(Locale.ROOT, "residual %.4f (at most %.4f), bit agreement %.4f (at least %.4f)",
                residual, settings.maxResidual(), agreement, settings.minBitAgreement());
        if (residual <= settings.maxResidual() && agreement >= settings.minBitAgreement()) {
            return new FittedEmbedding(candidate, parent.spaceId(), true, residual, agreement, true,
                    "kept space " + parent.spaceId() + ": " + measured);
        }
        return new FittedEmbedding(fresh(basis, settings, seed), newSpaceId(), true, residual, agreement, false,
                "new space: alignment to " + parent.spaceId() + " too poor: " + measured);
    }

    private static String incompatibility(int inputSize, String architecture, EmbeddingParent parent,
                                          EmbeddingSettings settings) {
        if (!parent.architecture().equals(architecture)) {
            return "architecture " + architecture + " differs from the parent's " + parent.architecture();
        }
        if (!settings.definesSameSpaceAs(parent.settings())
                || parent.projection().dimensions() != settings.dimensions()
                || parent.projection().bits() != settings.bits()) {
            return "settings " + settings + " differ from the parent's " + parent.settings();
        }
        if (parent.projection().inputSize() != inputSize) {
            return "input size " + inputSize + " differs from the parent's " + parent.projection().inputSize();
        }
        return null;
    }

    private static Basis basis(float[][] outputs, int imageRows, int imageCols, EmbeddingSettings settings) {
        if (outputs.length < 2 || outputs[0].length != imageRows * imageCols) {
            throw new IllegalArgumentException("need at least 2 outputs of " + imageRows + " × " + imageCols
                    + " values: " + outputs.length + " of " + (outputs.length == 0 ? 0 : outputs[0].length));
        }
        PrincipalComponents pca = PrincipalComponents.fit(outputs, settings.dimensions());
        double[] scale = pca.variances();
        for (int k = 0; k < scale.length; k++) {
            scale[k] = Math.pow(Math.max(scale[k], 1e-12), -settings.whitening());
        }
        double[][] embedding = Matrices.scaleColumns(pca.components(), scale);
        double[][] embeddingValues = Matrices.scaleColumns(pca.project(outputs), scale);
        if (settings.blurSigma() == 0) {
            PrincipalComponents hashPca = PrincipalComponents.fit(outputs, settings.bits());
            return new Basis(pca.mean(), embedding, embeddingValues, hashPca.components(), hashPca.project(outputs));
        }
        GaussianBlur blur = new GaussianBlur(imageRows, imageCols, settings.blurSigma());
        float[][] blurred = blur.applyAll(outputs);
        PrincipalComponents hashPca = PrincipalComponents.fit(blurred, settings.bits());
        // hashPca's mean is G μ, so (G x − G μ) V_b = (x − μ) Gᵀ V_b: the candidate's μ serves the hash too
        return new Basis(pca.mean(), embedding, embeddingValues, blur.foldInto(hashPca.components()),
                hashPca.project(blurred));
    }

    private static EmbeddingProjection fresh(Basis basis, EmbeddingSettings settings, long seed) {
        double[][] itq = IterativeQuantization.rotation(basis.hashValues(), settings.itqIterations(), seed);
        return projection(basis, Matrices.identity(settings.dimensions()), itq, settings);
    }

    private static EmbeddingProjection projection(Basis basis, double[][] embedRotation, double[][] hashRotation,
                                                  EmbeddingSettings settings) {
        return new EmbeddingProjection(Matrices.toFloat(basis.mean()),
                Matrices.flatten(Matrices.multiply(basis.embedding(), embedRotation)), settings.dimensions(),
                Matrices.flatten(Matrices.multiply(basis.hashing(), hashRotation)), settings.bits());
    }

    /** The share of equal bits among the low {@code bits} bits of two code lists, item by item. */
    static double bitAgreement(long[] a, long[] b, int bits) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long equal = 0;
        for (int i = 0; i < a.length; i++) {
            equal += Long.bitCount(~(a[i] ^ b[i]) & mask);
        }
        return (double) equal / ((long) a.length * bits);
    }

    private static String newSpaceId() {
        return UUID.randomUUID().toString();
    }
}

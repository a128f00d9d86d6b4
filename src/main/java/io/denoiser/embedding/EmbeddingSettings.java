package io.denoiser.embedding;

/**
 * How an embedding space is fitted and when a candidate may stay in its parent's space.
 *
 * @param dimensions      D, the embedding's length
 * @param bits            the hash's length, 1 to 64 (a {@code long})
 * @param whitening       a: embedding component k is scaled by λ_k^−a (0: plain PCA, 0.5: full whitening)
 * @param blurSigma       the hash's Gaussian blur in pixels, folded into its matrix; 0 for none
 * @param itqIterations   iterations of iterative quantization for the first hash of a space
 * @param maxResidual     a candidate keeps the space only if ‖Z_new R − Z_old‖ / ‖Z_old‖ on the window is at most this
 * @param minBitAgreement ... and if at least this share of the window's hash bits agree with the parent's
 */
public record EmbeddingSettings(int dimensions, int bits, double whitening, double blurSigma, int itqIterations,
                                double maxResidual, double minBitAgreement) {

    public static final int DEFAULT_DIMENSIONS = 32;

    /** The issue 15 probe's recommendation: D = 32, a = 0.25, 64 bits on a σ = 1 blur, 50 ITQ iterations, 0.15 / 0.97. */
    public static EmbeddingSettings recommended() {
        return recommended(DEFAULT_DIMENSIONS);
    }

    /** The recommendation with embeddings of {@code dimensions} floats. */
    public static EmbeddingSettings recommended(int dimensions) {
        return new EmbeddingSettings(dimensions, 64, 0.25, 1.0, 50, 0.15, 0.97);
    }

    public EmbeddingSettings {
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits must be between 1 and 64: " + bits);
        }
        if (!(whitening >= 0 && whitening <= 0.5)) {
            throw new IllegalArgumentException("whitening must be between 0 and 0.5: " + whitening);
        }
        if (!(blurSigma >= 0) || Double.isInfinite(blurSigma)) {
            throw new IllegalArgumentException("blurSigma must be 0 (none) or positive: " + blurSigma);
        }
        if (itqIterations < 0) {
            throw new IllegalArgumentException("itqIterations must not be negative: " + itqIterations);
        }
        if (!(maxResidual >= 0) || !(minBitAgreement >= 0 && minBitAgreement <= 1)) {
            throw new IllegalArgumentException("maxResidual must be >= 0 and minBitAgreement in [0, 1]: "
                    + maxResidual + ", " + minBitAgreement);
        }
    }

    /** Whether vectors fitted with these settings and with {@code other} can share a space (the thresholds aside). */
    public boolean definesSameSpaceAs(EmbeddingSettings other) {
        return dimensions == other.dimensions && bits == other.bits
                && Double.compare(whitening, other.whitening) == 0 && Double.compare(blurSigma, other.blurSigma) == 0;
    }
}

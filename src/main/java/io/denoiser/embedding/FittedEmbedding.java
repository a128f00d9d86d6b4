package io.denoiser.embedding;

/**
 * A fitted embedding space member: what the model record stores ({@link #projection}: μ, W, H) and the metadata.
 *
 * @param projection      μ, W (N × D) and H (N × bits), the rotations folded in
 * @param spaceId         the space the vectors live in; vectors of different ids must never be compared
 * @param alignedToParent whether a compatible parent was given and the candidate was aligned to it on the window (so
 *                        {@link #residual} and {@link #bitAgreement} were measured)
 * @param residual        ‖Z_new R_e − Z_old‖ / ‖Z_old‖ on the window, NaN when not aligned
 * @param bitAgreement    share of the window's hash bits equal to the parent's after alignment, NaN when not aligned
 * @param spaceKept       whether the parent's space id was kept (alignment passed both checks); when not, the space
 *                        id is new, W is the candidate's own PCA and H has a fresh ITQ rotation
 * @param reason          why the space was kept or a new one minted, for the trainer's log
 */
public record FittedEmbedding(EmbeddingProjection projection, String spaceId, boolean alignedToParent,
                              double residual, double bitAgreement, boolean spaceKept, String reason) {

    public float[] mean() {
        return projection.mean();
    }

    public float[] embeddingMatrix() {
        return projection.embeddingMatrix();
    }

    public float[] hashMatrix() {
        return projection.hashMatrix();
    }
}

package io.denoiser.embedding;

/**
 * The version a candidate is aligned to: its space, what it stores, and its denoised outputs on the candidate's fit
 * window (the same noisy inputs in the same order as the candidate's outputs).
 *
 * @param spaceId       the parent's space id
 * @param architecture  the parent model's architecture id; a candidate of another architecture starts a new space
 * @param settings      the settings the parent was fitted with (D, bits, whitening and blur must match)
 * @param projection    the parent's μ, W and H
 * @param windowOutputs the parent's denoised outputs on the candidate's window
 */
public record EmbeddingParent(String spaceId, String architecture, EmbeddingSettings settings,
                              EmbeddingProjection projection, float[][] windowOutputs) {
}

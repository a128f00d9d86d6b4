package io.denoiser.similar;

/**
 * A space as {@code GET /spaces} lists it.
 *
 * @param model   the model whose records opened the space
 * @param serving whether queries that name no space search it for its model
 */
record SpaceSummary(String space, String model, int dimension, int documents, boolean serving) {
}

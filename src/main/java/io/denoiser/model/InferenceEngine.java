package io.denoiser.model;

/**
 * One loaded network's inference: a batch in, reconstructions and latent vectors out. Not thread-safe.
 * Closing frees its native (off-heap) parameter and activation memory at once rather than at some GC.
 */
interface InferenceEngine extends AutoCloseable {

    Reconstruction reconstruct(float[][] inputs);

    @Override
    void close();
}

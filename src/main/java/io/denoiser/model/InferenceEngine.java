package io.denoiser.model;

/**
 * One loaded network's inference: a batch in, reconstructions and latent vectors out. Not thread-safe.
 * Closing frees its native (off-heap) parameter and activation memory at once rather than at some GC.
 */
interface InferenceEngine extends AutoCloseable {

    Reconstruction reconstruct(float[][] inputs);

    /**
     * The same, told each input's noise level, estimated over more than the input itself (a whole image
     * plane, of which the input is one tile). A blind network takes no such hint and ignores it.
     */
    default Reconstruction reconstruct(float[][] inputs, float[] noiseLevels) {
        return reconstruct(inputs);
    }

    @Override
    void close();
}

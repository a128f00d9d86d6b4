package io.denoiser.model;

/** One loaded network's inference: a batch in, reconstructions and latent vectors out. Not thread-safe. */
interface Autoencoder {

    Reconstruction reconstruct(float[][] inputs);
}

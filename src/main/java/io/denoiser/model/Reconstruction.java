package io.denoiser.model;

/** The result of one forward pass over a batch: denoised outputs and latent vectors, one row per input. */
public record Reconstruction(float[][] outputs, float[][] latents) {
}

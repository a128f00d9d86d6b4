package io.denoiser.config;

/** The topics one denoiser deployment uses; defaults match the files in {@code topics/}. */
public record TopicNames(String noisyImages, String denoisedImages, String latentVectors, String cleanImages,
                         String models, String deadLetters) {

    public static TopicNames defaults() {
        return new TopicNames("denoiser.images.noisy", "denoiser.images.denoised", "denoiser.images.latent",
                "denoiser.images.clean", "denoiser.models", "denoiser.dlq");
    }
}

package io.denoiser.config;

import java.util.List;

/** The topics one denoiser deployment uses; defaults match the files in {@code topics/}. */
public record TopicNames(String noisyImages, String denoisedImages, String latentVectors, String cleanImages,
                         String noisySequences, String denoisedSequences, String latentSequences, String cleanSequences,
                         String models, String deadLetters) {

    public static TopicNames defaults() {
        return new TopicNames("denoiser.images.noisy", "denoiser.images.denoised", "denoiser.images.latent",
                "denoiser.images.clean", "denoiser.sequences.noisy", "denoiser.sequences.denoised",
                "denoiser.sequences.latent", "denoiser.sequences.clean", "denoiser.models", "denoiser.dlq");
    }

    public List<String> all() {
        return List.of(noisyImages, denoisedImages, latentVectors, cleanImages, noisySequences, denoisedSequences,
                latentSequences, cleanSequences, models, deadLetters);
    }
}

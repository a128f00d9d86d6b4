package io.denoiser.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How well a model's latent vectors serve a similarity search over labelled held-out records, beside what
 * the noisy inputs give a search for free.
 *
 * @param dimensions        length of one latent vector
 * @param nearestNeighbour  leave-one-out 1-nearest-neighbour accuracy of the latent vectors, cosine
 * @param hashPrecision     mean precision of the 10 nearest semantic hashes by Hamming distance; null without
 *                          an embedding
 * @param noisyPixels       the 1-NN accuracy of the noisy inputs' pixels
 * @param noisyPcaDimensions {@code dimensions}, or the pixel count when there are fewer pixels
 * @param noisyPca          the 1-NN accuracy of the noisy inputs' PCA to {@code noisyPcaDimensions}, fitted on
 *                          noisy training records
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchScores(
        @JsonProperty("dimensions") int dimensions,
        @JsonProperty("nn1_accuracy") double nearestNeighbour,
        @JsonProperty("hash_precision_at_10") Double hashPrecision,
        @JsonProperty("noisy_pixels_nn1_accuracy") double noisyPixels,
        @JsonProperty("noisy_pca_dimensions") int noisyPcaDimensions,
        @JsonProperty("noisy_pca_nn1_accuracy") double noisyPca) {

    /** Lines for the terminal. */
    public String describe() {
        String hash = hashPrecision == null ? "" : String.format("%nsemantic hash: Hamming precision@10 %.3f",
                hashPrecision);
        return String.format("latent vectors: %d dimensions, 1-NN accuracy %.3f (cosine, leave-one-out; noisy pixels "
                + "%.3f, PCA-%d of the noisy pixels %.3f)%s", dimensions, nearestNeighbour, noisyPixels, noisyPcaDimensions,
                noisyPca, hash);
    }
}

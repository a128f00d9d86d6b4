package io.denoiser.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How well a model's latent vectors serve a similarity search over labelled held-out records.
 *
 * @param dimensions         length of one latent vector
 * @param nearestNeighbour   leave-one-out 1-nearest-neighbour accuracy of the latent vectors, cosine
 * @param noisyPixels        the same accuracy of the noisy inputs' pixels: the baseline a search gets for free
 */
public record SearchScores(
        @JsonProperty("dimensions") int dimensions,
        @JsonProperty("nn1_accuracy") double nearestNeighbour,
        @JsonProperty("noisy_pixels_nn1_accuracy") double noisyPixels) {

    /** One line for the terminal. */
    public String describe() {
        return String.format("latent vectors: %d dimensions, 1-NN accuracy %.3f (cosine, leave-one-out; "
                + "noisy pixels %.3f)", dimensions, nearestNeighbour, noisyPixels);
    }
}

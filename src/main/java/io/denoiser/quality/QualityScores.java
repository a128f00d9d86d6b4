package io.denoiser.quality;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The noisy input, the classical median baseline and the model, each scored against the same clean rows. */
public record QualityScores(
        @JsonProperty("n") int n,
        @JsonProperty("noisy") SetQuality noisy,
        @JsonProperty("median") SetQuality median,
        @JsonProperty("model") SetQuality model) {
}

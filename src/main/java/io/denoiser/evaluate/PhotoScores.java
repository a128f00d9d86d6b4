package io.denoiser.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.denoiser.quality.SetQuality;

/** One photo at one noise level: its noisy input, the 3x3 median and the model, each scored against the clean photo. */
public record PhotoScores(
        @JsonProperty("name") String name,
        @JsonProperty("height") int height,
        @JsonProperty("width") int width,
        @JsonProperty("noisy") SetQuality noisy,
        @JsonProperty("median") SetQuality median,
        @JsonProperty("model") SetQuality model) {
}

package io.denoiser.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.denoiser.quality.QualityScores;
import io.denoiser.quality.SetQuality;
import java.util.Map;
import java.util.SortedMap;

/** What {@code evaluate --report} writes: the data set, noisy / median / model scores, and search scores of its latent vectors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvaluationReport(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("n") int n,
        @JsonProperty("noisy") SetQuality noisy,
        @JsonProperty("median") SetQuality median,
        @JsonProperty("model") Map<String, Object> model,
        @JsonProperty("per_class") SortedMap<Integer, QualityScores> perClass,
        @JsonProperty("latent_search") SearchScores latentSearch) {
}

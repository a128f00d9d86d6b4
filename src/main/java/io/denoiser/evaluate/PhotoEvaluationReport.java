package io.denoiser.evaluate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.denoiser.quality.QualityScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code evaluate --report} writes for a photo model: the model, the photos, and every noise level's scores. */
public record PhotoEvaluationReport(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("model") Map<String, Object> model,
        @JsonProperty("noise") Map<String, Object> noise,
        @JsonProperty("levels") List<Level> levels) {

    /** One noise level: the mean over photos, each photo's scores, and the photos the model made worse. */
    public record Level(
            @JsonProperty("sigma_8bit") double sigma8bit,
            @JsonProperty("sigma") double sigma,
            @JsonProperty("mean") QualityScores mean,
            @JsonProperty("photos") List<PhotoScores> photos,
            @JsonProperty("model_worse_than_noisy") List<String> modelWorseThanNoisy) {
    }

    static PhotoEvaluationReport of(PhotoEvaluation.Outcome outcome) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", outcome.model().name());
        model.put("version", outcome.model().version());
        model.put("architecture", outcome.model().architecture());
        Map<String, Object> noise = new LinkedHashMap<>();
        noise.put("kind", "gaussian");
        noise.put("clip", List.of(0, 1));
        noise.put("seed", outcome.noiseSeed());
        List<Level> levels = outcome.levels().stream().map(level -> new Level(level.sigma8bit(), level.sigma8bit() / 255,
                level.mean(), level.photos(), level.modelWorseThanNoisy())).toList();
        return new PhotoEvaluationReport(outcome.dataset(), model, noise, levels);
    }
}

package io.denoiser.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** What the demo measured; written as JSON by {@code demo --report}. */
public record DemoReport(
        @JsonProperty("records_in") int recordsIn,
        @JsonProperty("denoised") int denoised,
        @JsonProperty("denoised_distinct") int denoisedDistinct,
        @JsonProperty("latent") int latent,
        @JsonProperty("dlq") int dlq,
        @JsonProperty("psnr_noisy_db") double psnrNoisyDb,
        @JsonProperty("psnr_denoised_db") double psnrDenoisedDb,
        @JsonProperty("psnr_by_model_version") Map<Long, Double> psnrByModelVersion,
        @JsonProperty("records_by_model_version") Map<Long, Integer> recordsByModelVersion,
        @JsonProperty("model_versions_seen") List<Long> modelVersionsSeen,
        @JsonProperty("throughput_rps") double throughputRps) {
}

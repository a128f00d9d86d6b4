package io.denoiser.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How close one set of outputs is to the clean originals, each figure the mean over rows.
 *
 * @param ssim mean SSIM, or null for sequences, where it is not defined
 */
public record SetQuality(
        @JsonProperty("mse") double mse,
        @JsonProperty("psnr_db") double psnrDb,
        @JsonProperty("ssim") @JsonInclude(JsonInclude.Include.NON_NULL) Double ssim) {
}

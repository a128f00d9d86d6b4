package io.denoiser.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a model record says about its {@link LatentEmbedding}: its sizes, the space its vectors belong to and
 * how it was fitted. The trainer fills it; serving needs only the sizes and the space.
 *
 * @param dimensions        D, floats per embedding
 * @param bits              bits of the semantic hash, at most 64
 * @param space             vectors of one space id are comparable, across model versions too
 * @param alignedTo         the version this one was aligned to, or null for the first version of a space
 * @param alignmentResidual ‖Z_new R − Z_old‖ / ‖Z_old‖ of that alignment, or null
 * @param bitAgreement      fraction of hash bits the aligned versions agree on, or null
 * @param whitening         the whitening exponent a of W = V diag(λ^-a) R
 * @param blurSigma         the Gaussian blur (pixels) folded into the hash projection, 0 for none
 * @param fitSamples        records the fit ran over
 * @param noiseSeed         seed of the noisy copy the fit ran over
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingMetadata(int dimensions, int bits, String space, Long alignedTo, Double alignmentResidual,
                                Double bitAgreement, Double whitening, Double blurSigma, Integer fitSamples,
                                Long noiseSeed) {

    /** Generous bounds on what a record may declare, so a crafted one cannot ask for huge arrays. */
    public static final int MAX_DIMENSIONS = 1024;
    public static final int MAX_BITS = Long.SIZE;
    static final int MAX_SPACE_LENGTH = 128;

    /** Throws {@link InvalidModelException} unless the sizes and the space id are usable. */
    public void check() {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS || bits < 1 || bits > MAX_BITS) {
            throw new InvalidModelException("embedding of " + dimensions + " dimensions and " + bits
                    + " hash bits: needs 1.." + MAX_DIMENSIONS + " and 1.." + MAX_BITS);
        }
        // a header value and a similar index name: printable ASCII without spaces
        if (space == null || space.isEmpty() || space.length() > MAX_SPACE_LENGTH || !space.matches("[!-~]+")) {
            throw new InvalidModelException("embedding space id must be 1.." + MAX_SPACE_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** Floats of μ, W and H for records of {@code inputSize} values: N (1 + D + bits). */
    public long floatCount(int inputSize) {
        return (long) inputSize * (1 + dimensions + bits);
    }
}

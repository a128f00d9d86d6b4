package io.denoiser.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What a model record says about its parameters: identity, design, provenance and quality.
 *
 * @param name          model name, the first part of its models topic key (e.g. {@code cnn-seed})
 * @param version       monotonically increasing per name; denoisers ignore versions they already passed
 * @param architecture  an {@link Architecture} id; the network is built from it in code
 * @param inputShape    one input record's shape, e.g. [1, 28, 28]
 * @param latentShape   the encoder output's shape, e.g. [32, 4, 4]
 * @param parameterCount number of float32 parameters that follow the metadata
 * @param training      how it was trained: data set, noise level, epochs, seed, parent version
 * @param metrics       held-out evaluation, e.g. {@code psnr_db}
 * @param createdAt     ISO-8601 instant
 * @param release       position in the publication order when it differs from {@code version}: a rollback
 *                      republishes an earlier version under a new release, so denoisers move back to it
 *                      while still refusing replays of records older than the one in use; null = version
 * @param embedding     the {@link LatentEmbedding} the record carries after its parameters, or null for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(String name, long version, String architecture, int[] inputShape,
                            int[] latentShape, long parameterCount, Map<String, Object> training,
                            Map<String, Double> metrics, String createdAt,
                            Long release, EmbeddingMetadata embedding) {

    /** Metadata of a record without an embedding. */
    public ModelMetadata(String name, long version, String architecture, int[] inputShape, int[] latentShape,
                         long parameterCount, Map<String, Object> training, Map<String, Double> metrics,
                         String createdAt, Long release) {
        this(name, version, architecture, inputShape, latentShape, parameterCount, training, metrics, createdAt,
                release, null);
    }

    /** The shapes this model works on. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public ModelShape shape() {
        return new ModelShape(inputShape, latentShape);
    }

    /** Where this record stands in the publication order: denoisers adopt only a higher one. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public long releaseOrder() {
        return release == null ? version : release;
    }

    /** The same model under another version number. */
    public ModelMetadata withVersion(long newVersion) {
        return new ModelMetadata(name, newVersion, architecture, inputShape, latentShape, parameterCount,
                training, metrics, createdAt, null, embedding);
    }

    /** The same model described with the embedding its record carries, or none. */
    public ModelMetadata withEmbedding(EmbeddingMetadata newEmbedding) {
        return new ModelMetadata(name, version, architecture, inputShape, latentShape, parameterCount,
                training, metrics, createdAt, release, newEmbedding);
    }

    /** The same model and version republished at {@code newRelease}, as a rollback does. */
    public ModelMetadata withRelease(long newRelease) {
        return new ModelMetadata(name, version, architecture, inputShape, latentShape, parameterCount,
                training, metrics, createdAt, newRelease, embedding);
    }
}

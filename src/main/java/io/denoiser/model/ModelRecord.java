package io.denoiser.model;

import java.util.Objects;

/**
 * One model as it travels on the models topic or sits in a file: metadata plus flat float32 parameters, and
 * optionally the {@link LatentEmbedding} fitted to its output, whose description the metadata repeats.
 */
public record ModelRecord(ModelMetadata metadata, float[] parameters, LatentEmbedding embedding) {

    public ModelRecord {
        if (!Objects.equals(metadata.embedding(), embedding == null ? null : embedding.metadata())) {
            throw new IllegalArgumentException("the metadata's embedding and the record's embedding disagree");
        }
    }

    /** A record without an embedding. */
    public ModelRecord(ModelMetadata metadata, float[] parameters) {
        this(metadata, parameters, null);
    }

    public String name() {
        return metadata.name();
    }

    public long version() {
        return metadata.version();
    }
}

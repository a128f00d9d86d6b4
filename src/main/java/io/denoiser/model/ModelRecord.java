package io.denoiser.model;

/** One model as it travels on the models topic or sits in a file: metadata plus flat float32 parameters. */
public record ModelRecord(ModelMetadata metadata, float[] parameters) {

    public String name() {
        return metadata.name();
    }

    public long version() {
        return metadata.version();
    }
}

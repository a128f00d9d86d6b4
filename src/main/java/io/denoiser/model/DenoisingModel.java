package io.denoiser.model;

/**
 * A model loaded for inference. Not thread-safe (DL4J networks are not), so every stream thread loads
 * its own.
 */
public final class DenoisingModel {

    private final ModelMetadata metadata;
    private final ModelShape shape;
    private final Autoencoder autoencoder;

    private DenoisingModel(ModelMetadata metadata, ModelShape shape, Autoencoder autoencoder) {
        this.metadata = metadata;
        this.shape = shape;
        this.autoencoder = autoencoder;
    }

    /** Builds the networks named by the (already verified) record and loads its parameters. */
    public static DenoisingModel load(ModelRecord record) {
        Architecture architecture = Architecture.fromId(record.metadata().architecture());
        ModelShape shape = record.metadata().shape();
        architecture.checkShape(shape);
        return new DenoisingModel(record.metadata(), shape, architecture.inference(record.parameters(), shape));
    }

    /** One forward pass yielding, per input, the denoised output and the latent vector. */
    public Reconstruction reconstruct(float[][] inputs) {
        return autoencoder.reconstruct(inputs);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelShape shape() {
        return shape;
    }
}

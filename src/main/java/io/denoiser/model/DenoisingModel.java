package io.denoiser.model;

import java.util.Arrays;

/**
 * A model loaded for inference. Not thread-safe (DL4J networks are not), so every stream thread loads
 * its own.
 */
public final class DenoisingModel implements AutoCloseable {

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

    /** Any number of records, run through the network {@code batchSize} at a time. */
    public Reconstruction reconstructAll(float[][] inputs, int batchSize) {
        float[][] outputs = new float[inputs.length][];
        float[][] latents = new float[inputs.length][];
        for (int start = 0; start < inputs.length; start += batchSize) {
            Reconstruction batch = reconstruct(Arrays.copyOfRange(inputs, start, Math.min(inputs.length, start + batchSize)));
            System.arraycopy(batch.outputs(), 0, outputs, start, batch.outputs().length);
            System.arraycopy(batch.latents(), 0, latents, start, batch.latents().length);
        }
        return new Reconstruction(outputs, latents);
    }

    /** Frees the network's native memory; the model cannot be used afterwards. */
    @Override
    public void close() {
        autoencoder.close();
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public ModelShape shape() {
        return shape;
    }
}

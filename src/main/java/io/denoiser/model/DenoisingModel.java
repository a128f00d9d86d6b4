package io.denoiser.model;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model loaded for inference: its encoder and decoder networks over the record's parameters. Not
 * thread-safe (DL4J networks are not), so every stream thread loads its own.
 */
public final class DenoisingModel {

    private final ModelMetadata metadata;
    private final Architecture architecture;
    private final MultiLayerNetwork encoder;
    private final MultiLayerNetwork decoder;

    private DenoisingModel(ModelMetadata metadata, Architecture architecture, MultiLayerNetwork encoder,
                           MultiLayerNetwork decoder) {
        this.metadata = metadata;
        this.architecture = architecture;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Builds the networks named by the (already verified) record and loads its parameters. */
    public static DenoisingModel load(ModelRecord record) {
        Architecture architecture = Architecture.fromId(record.metadata().architecture());
        MultiLayerNetwork encoder = architecture.newEncoder();
        MultiLayerNetwork decoder = architecture.newDecoder();
        float[] parameters = record.parameters();
        int split = Math.toIntExact(encoder.numParams());
        if (split + decoder.numParams() != parameters.length) {
            throw new InvalidModelException(architecture.id() + " needs " + (split + decoder.numParams())
                    + " parameters, record has " + parameters.length);
        }
        encoder.setParams(row(Arrays.copyOfRange(parameters, 0, split)));
        decoder.setParams(row(Arrays.copyOfRange(parameters, split, parameters.length)));
        return new DenoisingModel(record.metadata(), architecture, encoder, decoder);
    }

    /** One pass: the encoder gives the latent vectors, the decoder turns them into denoised outputs. */
    public Reconstruction reconstruct(float[][] inputs) {
        int size = architecture.inputSize();
        float[] flat = new float[Math.multiplyExact(inputs.length, size)];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length + " values, expected " + size);
            }
            System.arraycopy(inputs[i], 0, flat, i * size, size);
        }
        INDArray latent = encoder.output(Nd4j.create(flat, architecture.batchShape(inputs.length), 'c'));
        INDArray output = decoder.output(latent);
        return new Reconstruction(rows(output, inputs.length), rows(latent, inputs.length));
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Architecture architecture() {
        return architecture;
    }

    private static INDArray row(float[] values) {
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    private static float[][] rows(INDArray activations, int count) {
        float[] flat = activations.dup('c').data().asFloat();
        int width = flat.length / count;
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }
}

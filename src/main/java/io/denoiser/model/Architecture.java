package io.denoiser.model;

import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The network designs a model record may name. A record carries only an architecture id and a flat
 * parameter array, encoder parameters first; the networks themselves are always built here, in code,
 * never deserialized.
 */
public enum Architecture {

    CNN_SEED("cnn-seed", SeedCnnAutoencoder::configuration, SeedCnnAutoencoder::encoder,
            SeedCnnAutoencoder::decoder, SeedCnnAutoencoder.INPUT_SHAPE, SeedCnnAutoencoder.LATENT_SHAPE, 27_073);

    private final String id;
    private final LongFunction<MultiLayerConfiguration> training;
    private final Supplier<MultiLayerConfiguration> encoder;
    private final Supplier<MultiLayerConfiguration> decoder;
    private final int[] inputShape;
    private final int[] latentShape;
    private final long parameterCount;

    Architecture(String id, LongFunction<MultiLayerConfiguration> training, Supplier<MultiLayerConfiguration> encoder,
                 Supplier<MultiLayerConfiguration> decoder, int[] inputShape, int[] latentShape, long parameterCount) {
        this.id = id;
        this.training = training;
        this.encoder = encoder;
        this.decoder = decoder;
        this.inputShape = inputShape;
        this.latentShape = latentShape;
        this.parameterCount = parameterCount;
    }

    public static Architecture fromId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + id + "'"));
    }

    /** A freshly initialised training network (encoder, decoder and loss) of this design. */
    public MultiLayerNetwork newNetwork(long seed) {
        return initialised(training.apply(seed));
    }

    MultiLayerNetwork newEncoder() {
        return initialised(encoder.get());
    }

    MultiLayerNetwork newDecoder() {
        return initialised(decoder.get());
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    public String id() {
        return id;
    }

    /** Input shape of one record, without the batch dimension. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int[] latentShape() {
        return latentShape.clone();
    }

    public int inputSize() {
        return Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
    }

    public int latentSize() {
        return Arrays.stream(latentShape).reduce(1, Math::multiplyExact);
    }

    /** [batch, ...input shape] as ND4J wants it. */
    public long[] batchShape(int batchSize) {
        long[] shape = new long[inputShape.length + 1];
        shape[0] = batchSize;
        for (int i = 0; i < inputShape.length; i++) {
            shape[i + 1] = inputShape[i];
        }
        return shape;
    }

    /** Exact parameter count, checked against every incoming parameter array before it is loaded. */
    public long parameterCount() {
        return parameterCount;
    }
}

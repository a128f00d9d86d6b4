package io.denoiser.stream;

import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.TopicNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The denoiser's topology, built the same way for production and for tests.
 *
 * <pre>
 * noisy images --> denoise --+--> denoised images
 *                    ^       +--> latent vectors
 *                    |       +--> dead letters
 * models (global store on every instance) --> model catalog
 * </pre>
 */
public final class DenoiserTopology {

    static final String NOISY_SOURCE = "noisy-images";
    static final String DENOISER = "denoiser";
    static final String DENOISED_SINK = "denoised-images";
    static final String LATENT_SINK = "latent-vectors";
    static final String DEAD_LETTER_SINK = "dead-letters";
    static final String MODELS_SOURCE = "models";
    static final String MODEL_LOADER = "model-loader";
    static final String MODEL_STORE = "models-store";

    private DenoiserTopology() {
    }

    public static Topology build(DenoiserConfig config, ModelCatalog catalog) {
        TopicNames topics = config.topics();
        TensorCodec codec = new TensorCodec(config.maxTensorElements());
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODEL_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                MODELS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.models(),
                MODEL_LOADER, () -> new ModelLoaderProcessor(catalog, MODEL_STORE));
        topology.addSource(NOISY_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                topics.noisyImages());
        topology.addProcessor(DENOISER, () -> new DenoiseProcessor(catalog, codec, MODEL_STORE), NOISY_SOURCE);
        topology.addSink(DENOISED_SINK, topics.denoisedImages(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), DENOISER);
        topology.addSink(LATENT_SINK, topics.latentVectors(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), DENOISER);
        topology.addSink(DEAD_LETTER_SINK, topics.deadLetters(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), DENOISER);
        return topology;
    }
}

package io.denoiser.stream;

import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The denoiser's topology, built the same way for production and for tests. Per pipeline:
 *
 * <pre>
 * noisy records --> denoise --+--> denoised records
 *                   |  ^      +--> latent vectors
 *                   |  |      +--> dead letters (shared)
 *                   |  models (global store on every instance) --> model registry
 *                   batch buffer (changelogged store per task; one forward pass per thread's batch)
 * </pre>
 *
 * Forward passes run where {@code inference} says: production gives each stream thread its own inference
 * thread, unit tests run them on the stream thread.
 *
 * <p>A pipeline whose model has no version yet is left out: it must not consume its input, since Kafka
 * Streams counts a record as consumed once {@code process()} returns. The global models store still feeds
 * every catalog, so {@link DenoiserApp} can rebuild the topology with it once its first version arrives.
 */
public final class DenoiserTopology {

    static final String MODELS_SOURCE = "models";
    static final String MODEL_LOADER = "model-loader";
    static final String MODEL_STORE = "models-store";

    private DenoiserTopology() {
    }

    public static Topology build(DenoiserConfig config, ModelRegistry registry, DenoiserMetrics metrics,
                                 InferenceWorkers inference) {
        TensorCodec codec = new TensorCodec(config.maxTensorElements());
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODEL_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                MODELS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), config.topics().models(),
                MODEL_LOADER, () -> new ModelLoaderProcessor(registry, config.modelTrust(), metrics, MODEL_STORE));
        for (Pipeline pipeline : servable(config.pipelines(), registry)) {
            addPipeline(topology, pipeline, registry.catalog(pipeline.modelName()), config, codec, metrics, inference);
        }
        return topology;
    }

    /** The pipelines whose model has a version: the ones a topology built now runs. */
    public static List<Pipeline> servable(List<Pipeline> pipelines, ModelRegistry registry) {
        return pipelines.stream().filter(p -> registry.catalog(p.modelName()).hasVersion()).toList();
    }

    private static void addPipeline(Topology topology, Pipeline pipeline, ModelCatalog catalog, DenoiserConfig config,
                                    TensorCodec codec, DenoiserMetrics metrics, InferenceWorkers inference) {
        PipelineNodes nodes = new PipelineNodes(pipeline.name());
        topology.addSource(nodes.source(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                pipeline.inputTopic());
        ThreadLocal<ThreadBatch> threadBatches = ThreadLocal.withInitial(
                () -> new ThreadBatch(inference.forCurrentThread(), inference.pass(), pipeline.latent(),
                        pipeline.engine()));
        topology.addProcessor(nodes.denoiser(),
                () -> new DenoiseProcessor(catalog, config.modelTrust(), codec, threadBatches, MODEL_STORE, pipeline, metrics,
                        config.maxInputBytes(), config.maxOutputBytes()), nodes.source());
        // In memory but changelogged: the buffer holds at most one batch per task, so restoring it from its
        // changelog after a crash is quick, and RocksDB's write path measured slower here. The record cache
        // sends the changelog only what is still buffered when a commit flushes it: a record put and deleted
        // between two commits costs a small tombstone instead of its whole value.
        StoreBuilder<KeyValueStore<Long, byte[]>> buffer = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(nodes.bufferStore()), Serdes.Long(), Serdes.ByteArray()).withCachingEnabled();
        topology.addStateStore(config.bufferChangelog() ? buffer : buffer.withLoggingDisabled(), nodes.denoiser());
        topology.addSink(nodes.denoisedSink(), pipeline.denoisedTopic(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), nodes.denoiser());
        topology.addSink(nodes.latentSink(), pipeline.latentTopic(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), nodes.denoiser());
        topology.addSink(nodes.deadLetterSink(), config.topics().deadLetters(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), nodes.denoiser());
    }
}

package io.denoiser.stream;

import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.ModelRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One task's {@link DenoiseProcessor} on a {@link MockProcessorContext}, with its buffer and models stores,
 * so that a test can call init, process, punctuate and close in any order, as Kafka Streams may.
 */
final class ProcessorFixture {

    static final String INPUT_TOPIC = "denoiser.images.noisy";

    final MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    final KeyValueStore<Long, byte[]> buffer;
    final PipelineNodes nodes;
    DenoiseProcessor processor;
    private final Pipeline pipeline;
    private final ThreadLocal<ThreadBatch> threadBatches;
    private final MeterRegistry meters;
    private final int partition;
    private long offset;

    /** A task of {@code pipeline} on {@code partition}, whose stream thread's batch is {@code threadBatches}. */
    ProcessorFixture(Pipeline pipeline, int partition, ThreadLocal<ThreadBatch> threadBatches, MeterRegistry meters) {
        this.pipeline = pipeline;
        this.threadBatches = threadBatches;
        this.meters = meters;
        this.partition = partition;
        context.setCurrentSystemTimeMs(0);
        nodes = new PipelineNodes(pipeline.name());
        buffer = store(nodes.bufferStore(), Serdes.Long());
        store(DenoiserTopology.MODEL_STORE, Serdes.String());
        processor = newProcessor();
    }

    private DenoiseProcessor newProcessor() {
        return new DenoiseProcessor(new ModelCatalog(ModelRecords.cnnSeed(1, 1)), ModelRecords.TRUST,
                new TensorCodec(DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS), threadBatches, DenoiserTopology.MODEL_STORE,
                pipeline, new DenoiserMetrics(meters), DenoiserConfig.DEFAULT_MAX_INPUT_BYTES,
                DenoiserConfig.DEFAULT_MAX_OUTPUT_BYTES);
    }

    /**
     * Closes the processor and starts a new one over the same stores, as after a crash that left records in
     * the buffer: the new one restores them.
     */
    void restart() {
        processor.close();
        processor = newProcessor();
        processor.init(context);
    }

    private <K> KeyValueStore<K, byte[]> store(String name, Serde<K> keys) {
        KeyValueStore<K, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys,
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    void process(Record<String, byte[]> record) {
        context.setRecordMetadata(INPUT_TOPIC, partition, offset++);
        processor.process(record);
    }

    /** Runs the punctuation the processor scheduled last, as its stream thread would at {@code now}. */
    void punctuate(long now) {
        context.setCurrentSystemTimeMs(now);
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(now);
    }

    List<String> forwardedKeys(String sink) {
        return context.forwarded(sink).stream().map(forward -> (String) forward.record().key()).toList();
    }

    long buffered() {
        return buffer.approximateNumEntries();
    }
}

package io.denoiser.stream;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecordCodec;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the global models store on every instance. Each record is decoded and verified before it can
 * reach the {@link ModelRegistry}; only adopted versions are kept in the store, so a restart resumes from
 * the last good version rather than from whatever was written last.
 */
final class ModelLoaderProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoaderProcessor.class);

    private final ModelRegistry registry;
    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    ModelLoaderProcessor(ModelRegistry registry, String storeName) {
        this.registry = registry;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            ModelRecord model = ModelRecordCodec.decode(record.value());
            if (registry.offer(model)) {
                store.put(record.key(), record.value());
            }
        } catch (InvalidModelException e) {
            LOG.warn("model record {} rejected: {}", record.key(), e.getMessage());
        }
    }
}

package io.denoiser.stream;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelKeys;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.metrics.DenoiserMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the global models store on every instance. Each record's signature is checked, then it is decoded
 * and verified, and its key must be its own ({@link ModelKeys}), before it can reach the {@link ModelRegistry};
 * only adopted versions are kept in the store, under their keys, so a task starting later finds the last good
 * version rather than whatever was written last. Tombstones are the publisher retiring old releases.
 */
final class ModelLoaderProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoaderProcessor.class);

    private final ModelRegistry registry;
    private final ModelTrust trust;
    private final DenoiserMetrics metrics;
    private final String storeName;
    private KeyValueStore<String, byte[]> store;

    ModelLoaderProcessor(ModelRegistry registry, ModelTrust trust, DenoiserMetrics metrics, String storeName) {
        this.registry = registry;
        this.trust = trust;
        this.metrics = metrics;
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
            ModelRecord model = trust.open(record.value());
            ModelKeys.check(record.key(), model);
            boolean rival = registry.isRival(model);
            if (registry.offer(model)) {
                store.put(record.key(), record.value());
                if (rival) {
                    metrics.modelEqualRelease();
                }
            } else if (registry.isStale(model)) {
                metrics.modelRejected("OLDER_VERSION");
            }
        } catch (InvalidModelException e) {
            LOG.warn("model record {} rejected: {}", LoggedKeys.quoted(record.key()), e.getMessage());
            metrics.modelRejected(e.reason().name());
        }
    }
}

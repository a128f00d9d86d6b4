package io.denoiser.stream;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelKeys;
import io.denoiser.modeltopic.ModelTrust;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the newest version held in the global models store to the catalog when a task starts. The global
 * store may be restored without passing through {@link ModelLoaderProcessor}, so its content is verified again,
 * keys included.
 */
final class ModelStoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStoreRecovery.class);

    private ModelStoreRecovery() {
    }

    static void offerStored(KeyValueStore<String, byte[]> models, ModelCatalog catalog, ModelTrust trust) {
        // Only this pipeline's model: other pipelines recover their own when their tasks start. Newest first,
        // down to one the catalog takes or already has: an older one would not supersede it either.
        for (ModelRecord stored : stored(models, catalog.modelName(), trust)) {
            try {
                catalog.offer(stored);
                return;
            } catch (InvalidModelException e) {
                LOG.warn("stored model {} version {} rejected: {}", catalog.modelName(), stored.version(), e.getMessage());
            }
        }
    }

    /** The trusted records of {@code model} in the store, the newest release first. */
    private static List<ModelRecord> stored(KeyValueStore<String, byte[]> models, String model, ModelTrust trust) {
        List<ModelRecord> records = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = models.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && ModelKeys.isKeyOf(entry.key, model)) {
                    try {
                        ModelRecord record = trust.open(entry.value);
                        ModelKeys.check(entry.key, record);
                        records.add(record);
                    } catch (InvalidModelException e) {
                        LOG.warn("stored model record {} rejected: {}", LoggedKeys.quoted(entry.key), e.getMessage());
                    }
                }
            });
        }
        records.sort(Comparator.comparingLong((ModelRecord r) -> r.metadata().releaseOrder()).reversed());
        return records;
    }
}

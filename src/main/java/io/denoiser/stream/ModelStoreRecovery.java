package io.denoiser.stream;

import io.denoiser.model.InvalidModelException;
import io.denoiser.modeltopic.ModelTrust;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the version held in the global models store to the catalog when a task starts. The global store
 * may be restored without passing through {@link ModelLoaderProcessor}, so its content is verified again.
 */
final class ModelStoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStoreRecovery.class);

    private ModelStoreRecovery() {
    }

    static void offerStored(KeyValueStore<String, byte[]> models, ModelCatalog catalog, ModelTrust trust) {
        // Only this pipeline's model: other pipelines recover their own when their tasks start.
        byte[] stored = models.get(catalog.modelName());
        if (stored == null) {
            return;
        }
        try {
            catalog.offer(trust.open(stored));
        } catch (InvalidModelException e) {
            LOG.warn("stored model {} rejected: {}", catalog.modelName(), e.getMessage());
        }
    }
}

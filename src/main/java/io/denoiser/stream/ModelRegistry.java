package io.denoiser.stream;

import io.denoiser.model.ModelRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The catalog of every model this instance serves, keyed by model name (the models topic's record key). */
public final class ModelRegistry {

    private final Map<String, ModelCatalog> catalogs = new LinkedHashMap<>();

    /** Starts each model with the given initial (shipped) version. */
    public ModelRegistry(Collection<ModelRecord> initialVersions) {
        initialVersions.forEach(record -> catalogs.put(record.name(), new ModelCatalog(record)));
    }

    /** Offers a verified record to the catalog of its model; records of models not served are ignored. */
    public boolean offer(ModelRecord record) {
        ModelCatalog catalog = catalogs.get(record.name());
        return catalog != null && catalog.offer(record);
    }

    /** True if {@code record} is for a model served here and was released before the version in use. */
    public boolean isStale(ModelRecord record) {
        ModelCatalog catalog = catalogs.get(record.name());
        return catalog != null && catalog.isStale(record);
    }

    public ModelCatalog catalog(String modelName) {
        ModelCatalog catalog = catalogs.get(modelName);
        if (catalog == null) {
            throw new IllegalArgumentException("no model named '" + modelName + "' is served");
        }
        return catalog;
    }

    public Collection<ModelCatalog> catalogs() {
        return catalogs.values();
    }
}

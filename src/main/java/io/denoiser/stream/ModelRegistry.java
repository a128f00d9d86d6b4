package io.denoiser.stream;

import io.denoiser.model.ModelRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The catalog of every model this instance serves, keyed by model name. */
public final class ModelRegistry {

    private final Map<String, ModelCatalog> catalogs = new LinkedHashMap<>();
    private volatile Consumer<ModelCatalog> firstVersionListener = catalog -> { };

    /** Starts each model with the given initial (shipped) version. */
    public ModelRegistry(Collection<ModelRecord> initialVersions) {
        initialVersions.forEach(record -> catalogs.put(record.name(), new ModelCatalog(record)));
    }

    private ModelRegistry() {
    }

    /** The given catalogs, some of which may have no version yet. */
    public static ModelRegistry of(Collection<ModelCatalog> catalogs) {
        ModelRegistry registry = new ModelRegistry();
        catalogs.forEach(catalog -> registry.catalogs.put(catalog.modelName(), catalog));
        return registry;
    }

    /**
     * Called, on the thread that offered it, when a model without a version adopts its first one: the
     * pipelines waiting for it can start.
     */
    public void onFirstVersion(Consumer<ModelCatalog> listener) {
        this.firstVersionListener = listener;
    }

    /** Offers a verified record to the catalog of its model; records of models not served are ignored. */
    public boolean offer(ModelRecord record) {
        ModelCatalog catalog = catalogs.get(record.name());
        if (catalog == null) {
            return false;
        }
        // Only the global models thread offers to a catalog without a version (stream threads run only
        // pipelines whose model has one), so nothing can adopt a first version between these two calls.
        boolean first = !catalog.hasVersion();
        boolean adopted = catalog.offer(record);
        if (adopted && first) {
            firstVersionListener.accept(catalog);
        }
        return adopted;
    }

    /** True if {@code record} is for a model served here and has the release in use but other content. */
    public boolean isRival(ModelRecord record) {
        ModelCatalog catalog = catalogs.get(record.name());
        return catalog != null && catalog.isRival(record);
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

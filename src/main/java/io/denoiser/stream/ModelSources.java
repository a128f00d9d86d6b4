package io.denoiser.stream;

import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each model's first version comes from, in this order: the models topic (its newest trusted,
 * verified version), a model file the operator named, the model shipped in the jar. A model found in none
 * of them starts with no version, and its pipelines wait for the topic to bring one.
 */
public final class ModelSources {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSources.class);

    private final Function<String, Optional<ModelRecord>> topic;
    private final Map<String, Path> files;
    private final Function<String, Optional<ModelRecord>> jar;

    /**
     * @param topic the newest trusted version of a model on the models topic
     * @param files model files by model name, read with the verifying codec
     * @param jar   the model shipped in the jar under a name
     */
    public ModelSources(Function<String, Optional<ModelRecord>> topic, Map<String, Path> files,
                        Function<String, Optional<ModelRecord>> jar) {
        this.topic = topic;
        this.files = Map.copyOf(files);
        this.jar = jar;
    }

    /** One catalog per model the pipelines name, each logged with where its first version came from. */
    public ModelRegistry registry(List<Pipeline> pipelines) throws IOException {
        Map<String, ModelCatalog> catalogs = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            String model = pipeline.modelName();
            if (!catalogs.containsKey(model)) {
                catalogs.put(model, catalog(model, origins));
            }
            LOG.info("pipeline {}: model {} {}", pipeline.name(), model, origins.get(model));
        }
        return ModelRegistry.of(catalogs.values());
    }

    private ModelCatalog catalog(String model, Map<String, String> origins) throws IOException {
        Optional<ModelRecord> published = topic.apply(model);
        if (published.isPresent()) {
            origins.put(model, "v" + published.get().version() + " from the models topic");
            return new ModelCatalog(published.get(), ModelSource.TOPIC);
        }
        Path file = files.get(model);
        if (file != null) {
            ModelRecord record = ModelFiles.read(file);
            if (!record.name().equals(model)) {
                throw new IllegalArgumentException("model file " + file + " holds model '" + record.name()
                        + "', not '" + model + "' (train it with --model-name " + model + ")");
            }
            origins.put(model, "v" + record.version() + " from the file " + file);
            return new ModelCatalog(record, ModelSource.FILE);
        }
        Optional<ModelRecord> shipped = jar.apply(model);
        if (shipped.isPresent()) {
            origins.put(model, "v" + shipped.get().version() + " from the jar");
            return new ModelCatalog(shipped.get(), ModelSource.JAR);
        }
        origins.put(model, "has no version on the models topic, in a file or in the jar: waiting for one");
        return ModelCatalog.awaiting(model);
    }
}

package io.denoiser.stream;

import io.denoiser.config.Pipeline;
import io.denoiser.model.InvalidModelException;
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
 * verified version that loads: one that cannot be built and warmed up is skipped, as running instances
 * reject it too), a model file the operator named, the model shipped in the jar. A model found in none
 * of them starts with no version, and its pipelines wait for the topic to bring one.
 */
public final class ModelSources {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSources.class);

    private final Function<String, List<ModelRecord>> topic;
    private final Map<String, Path> files;
    private final Function<String, Optional<ModelRecord>> jar;

    /**
     * @param topic the trusted versions of a model on the models topic, newest release first
     * @param files model files by model name, read with the verifying codec
     * @param jar   the model shipped in the jar under a name
     */
    public ModelSources(Function<String, List<ModelRecord>> topic, Map<String, Path> files,
                        Function<String, Optional<ModelRecord>> jar) {
        this.topic = topic;
        this.files = Map.copyOf(files);
        this.jar = jar;
    }

    /** These versions and nothing else, as if shipped in the jar: for a demo or a benchmark on its own models. */
    public static ModelSources of(List<ModelRecord> versions) {
        return new ModelSources(model -> List.of(), Map.of(),
                model -> versions.stream().filter(record -> record.name().equals(model)).findFirst());
    }

    /**
     * One catalog per model the pipelines name, each logged with where its first version came from.
     *
     * @param maxInputElements the largest input record the pipelines accept, in values
     */
    public ModelRegistry registry(List<Pipeline> pipelines, long maxInputElements) throws IOException {
        Map<String, ModelCatalog> catalogs = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            String model = pipeline.modelName();
            if (!catalogs.containsKey(model)) {
                catalogs.put(model, catalog(model, AdoptionPolicy.of(pipelines.stream()
                        .filter(p -> p.modelName().equals(model)).toList(), maxInputElements), origins));
            }
            LOG.info("pipeline {}: model {} {}", pipeline.name(), model, origins.get(model));
        }
        return ModelRegistry.of(catalogs.values());
    }

    private ModelCatalog catalog(String model, AdoptionPolicy policy, Map<String, String> origins) throws IOException {
        Optional<ModelCatalog> published = fromTopic(model, policy);
        if (published.isPresent()) {
            origins.put(model, "v" + published.get().currentVersion() + " from the models topic");
            return published.get();
        }
        Path file = files.get(model);
        if (file != null) {
            ModelRecord record = ModelFiles.read(file);
            if (!record.name().equals(model)) {
                throw new IllegalArgumentException("model file " + file + " holds model '" + record.name()
                        + "', not '" + model + "' (train it with --model-name " + model + ")");
            }
            origins.put(model, "v" + record.version() + " from the file " + file);
            return new ModelCatalog(record, ModelSource.FILE, policy);
        }
        Optional<ModelRecord> shipped = jar.apply(model);
        if (shipped.isPresent()) {
            origins.put(model, "v" + shipped.get().version() + " from the jar");
            return new ModelCatalog(shipped.get(), ModelSource.JAR, policy);
        }
        origins.put(model, "has no version on the models topic, in a file or in the jar: waiting for one");
        return ModelCatalog.awaiting(model, policy);
    }

    /** A catalog on the newest topic version that passes its catalog's checks, if any does. */
    private Optional<ModelCatalog> fromTopic(String model, AdoptionPolicy policy) {
        for (ModelRecord candidate : topic.apply(model)) {
            ModelCatalog catalog = ModelCatalog.awaiting(model, policy);
            try {
                catalog.offer(candidate);
                return Optional.of(catalog);
            } catch (InvalidModelException e) {
                LOG.warn("model {} version {} on the models topic skipped: {}", model, candidate.version(),
                        e.getMessage());
            }
        }
        return Optional.empty();
    }
}

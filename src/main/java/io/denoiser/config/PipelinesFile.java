package io.denoiser.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pipelines described in a YAML file, each with its own topics, model, batching and formats:
 *
 * <pre>
 * pipelines:
 *   - name: images            # images and sequences start from their built-in topics and model
 *     model: unet
 *     batchSize: 128
 *     maxWaitMs: 20
 *     outputFormat: as-input  # as-input, binary, json, png or jpeg
 *     resizeImages: true
 *     acceptShapeChange: false  # whether a new model version may take another input shape
 *     latent: embedding       # embedding (the model's, when it has one) or bottleneck
 *     engine: onnxruntime     # onnxruntime or dl4j; default: serve's --engine
 *   - name: vibration         # any other name must give its three topics and a model
 *     inputTopic: plant.vibration.noisy
 *     denoisedTopic: plant.vibration.denoised
 *     latentTopic: plant.vibration.latent
 *     model: vibration-lstm     # the models topic's newest trusted version, else modelFile, else the jar's
 *     modelFile: models/vibration-lstm.dnm   # optional; relative to this file's directory
 *     partitions: 6             # optional, for topics serve creates; default: the built-in topics' 3
 *     replicationFactor: 3      # optional; --replication-factor overrides it
 * </pre>
 *
 * A model with no version on the topic, in a file or in the jar is waited for: its pipelines start once a
 * trusted version is published (e.g. {@code models publish}), and read nothing from their input until then.
 */
public final class PipelinesFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One entry as written; absent fields take the built-in pipeline's value or the defaults. */
    record Entry(String name, String inputTopic, String denoisedTopic, String latentTopic, String model,
                 Integer batchSize, Long maxWaitMs, String outputFormat, Boolean resizeImages,
                 Boolean acceptShapeChange, String modelFile,
                 Integer partitions, Short replicationFactor, String latent, String engine) {
    }

    record Document(List<Entry> pipelines) {
    }

    private PipelinesFile() {
    }

    /**
     * @param builtIn the built-in pipelines by name, already carrying the command line's settings
     * @param engine  the command line's engine, for pipelines whose entry names none
     */
    public static List<Pipeline> load(Path file, Map<String, Pipeline> builtIn, InferenceEngineKind engine)
            throws IOException {
        Document document = YAML.readValue(file.toFile(), Document.class);
        if (document == null || document.pipelines() == null || document.pipelines().isEmpty()) {
            throw new IllegalArgumentException(file + ": no pipelines");
        }
        Set<String> names = new HashSet<>();
        return document.pipelines().stream().map(entry -> {
            if (entry.name() == null || !entry.name().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException(file + ": pipeline name '" + entry.name()
                        + "' must be lower case letters, digits and dashes");
            }
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException(file + ": pipeline '" + entry.name() + "' appears twice");
            }
            return resolve(file, entry, builtIn.get(entry.name()), engine);
        }).toList();
    }

    private static Pipeline resolve(Path file, Entry entry, Pipeline base, InferenceEngineKind engine) {
        String where = file + ": pipeline '" + entry.name() + "': ";
        return new Pipeline(entry.name(),
                required(entry.inputTopic(), base == null ? null : base.inputTopic(), where + "inputTopic"),
                required(entry.denoisedTopic(), base == null ? null : base.denoisedTopic(), where + "denoisedTopic"),
                required(entry.latentTopic(), base == null ? null : base.latentTopic(), where + "latentTopic"),
                required(entry.model(), base == null ? null : base.modelName(), where + "model"),
                entry.batchSize() != null ? entry.batchSize() : base != null ? base.batchSize() : Pipeline.DEFAULT_BATCH_SIZE,
                entry.maxWaitMs() != null ? entry.maxWaitMs() : base != null ? base.maxWaitMs() : Pipeline.DEFAULT_MAX_WAIT_MS,
                entry.outputFormat() != null ? OutputFormat.parse(entry.outputFormat())
                        : base != null ? base.outputFormat() : OutputFormat.defaultFormat(),
                entry.resizeImages() != null ? entry.resizeImages() : base != null && base.resizeImages(),
                entry.acceptShapeChange() != null ? entry.acceptShapeChange() : base != null && base.acceptShapeChange(),
                entry.modelFile() == null ? null : besideFile(file, entry.modelFile()),
                entry.partitions(), entry.replicationFactor(),
                entry.latent() != null ? LatentChoice.parse(entry.latent())
                        : base != null ? base.latent() : LatentChoice.defaultChoice(),
                entry.engine() != null ? InferenceEngineKind.parse(entry.engine()) : base != null ? base.engine() : engine);
    }

    /** Relative model paths are read from the pipelines file's directory, wherever serve was started. */
    private static Path besideFile(Path file, String modelFile) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(modelFile) : parent.resolve(modelFile);
    }

    private static String required(String value, String fallback, String what) {
        if (value != null) {
            return value;
        }
        if (fallback == null) {
            throw new IllegalArgumentException(what + " missing");
        }
        return fallback;
    }
}

package io.denoiser.config;

import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import java.nio.file.Path;
import java.util.List;

/**
 * One stream of records through one model: noisy records in, denoised records and latent vectors out.
 *
 * @param name           short name used in node names, headers and logs, e.g. {@code images}
 * @param inputTopic     noisy records
 * @param denoisedTopic  denoised records, same keys
 * @param latentTopic    latent vectors, same keys
 * @param modelName      the model (record key on the models topic) this pipeline serves
 * @param batchSize      records per forward pass at most
 * @param maxWaitMs      longest a record waits for its batch to fill
 * @param outputFormat   format of the denoised records
 * @param resizeImages   whether PNG/JPEG inputs of another size are resized to an image model's input
 *                       (otherwise they are dead-lettered as the wrong shape)
 * @param acceptShapeChange whether a new version of the model may take records of another input shape than
 *                       the version in use (otherwise it is refused and the version in use stays)
 * @param modelFile      a model file for the model's first version when the models topic has none, or null
 * @param partitions     partitions of the pipeline's topics when serve creates them, or null for the
 *                       built-in topics' count
 * @param replicationFactor replication factor of the pipeline's topics when serve creates them, or null
 *                       for the built-in topics'
 * @param latent         what its latent records carry: the model version's embedding when it has one
 *                       (the default), or always the bottleneck
 * @param engine         what runs the model's forward passes for this pipeline
 */
public record Pipeline(String name, String inputTopic, String denoisedTopic, String latentTopic, String modelName,
                       int batchSize, long maxWaitMs, OutputFormat outputFormat, boolean resizeImages,
                       boolean acceptShapeChange, Path modelFile, Integer partitions, Short replicationFactor,
                       LatentChoice latent, InferenceEngineKind engine) {

    /** The built-in pipelines' names, which {@code serve --pipelines} picks from. */
    public static final String IMAGES = "images";
    public static final String SEQUENCES = "sequences";
    public static final int DEFAULT_BATCH_SIZE = 128;
    /**
     * Short, because a lone record waits this long before its pass, and batch-1 passes on ONNX Runtime cost
     * little; under load batches fill by count first (the light-load latency study: docs/performance.md).
     */
    public static final long DEFAULT_MAX_WAIT_MS = 10;
    public static final boolean DEFAULT_RESIZE_IMAGES = false;
    public static final boolean DEFAULT_ACCEPT_SHAPE_CHANGE = false;

    public Pipeline {
        if (batchSize < 1 || maxWaitMs < 1) {
            throw new IllegalArgumentException("batch size and maximum wait must be >= 1");
        }
        if (outputFormat == null || latent == null || engine == null) {
            throw new IllegalArgumentException("output format, latent choice or engine missing");
        }
        if (partitions != null && partitions < 1 || replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be >= 1");
        }
    }

    /** A pipeline publishing the model's embedding when it has one, on the default engine. */
    public Pipeline(String name, String inputTopic, String denoisedTopic, String latentTopic, String modelName,
                    int batchSize, long maxWaitMs, OutputFormat outputFormat, boolean resizeImages,
                    boolean acceptShapeChange, Path modelFile, Integer partitions, Short replicationFactor) {
        this(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs, outputFormat, resizeImages,
                acceptShapeChange, modelFile, partitions, replicationFactor, LatentChoice.defaultChoice(),
                InferenceEngineKind.defaultKind());
    }

    /** A pipeline refusing shape changes, with no model file, whose topics take the built-in topics' layout. */
    public Pipeline(String name, String inputTopic, String denoisedTopic, String latentTopic, String modelName,
                    int batchSize, long maxWaitMs, OutputFormat outputFormat, boolean resizeImages) {
        this(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs, outputFormat, resizeImages,
                DEFAULT_ACCEPT_SHAPE_CHANGE, null, null, null);
    }

    /** The three topics this pipeline reads and writes. */
    public List<String> topics() {
        return List.of(inputTopic, denoisedTopic, latentTopic);
    }

    /** The built-in image pipeline on {@code topics}' image topics. */
    public static Pipeline images(TopicNames topics, String modelName) {
        return new Pipeline(IMAGES, topics.noisyImages(), topics.denoisedImages(), topics.latentVectors(), modelName,
                DEFAULT_BATCH_SIZE, DEFAULT_MAX_WAIT_MS, OutputFormat.defaultFormat(), DEFAULT_RESIZE_IMAGES);
    }

    /** The built-in sequence pipeline on {@code topics}' sequence topics. */
    public static Pipeline sequences(TopicNames topics, String modelName) {
        // Sequences are never resized: they have no image format to resize.
        return new Pipeline(SEQUENCES, topics.noisySequences(), topics.denoisedSequences(), topics.latentSequences(),
                modelName, DEFAULT_BATCH_SIZE, DEFAULT_MAX_WAIT_MS, OutputFormat.defaultFormat(), false);
    }

    public Pipeline withBatching(int newBatchSize, long newMaxWaitMs) {
        return new Pipeline(name, inputTopic, denoisedTopic, latentTopic, modelName, newBatchSize, newMaxWaitMs,
                outputFormat, resizeImages, acceptShapeChange, modelFile, partitions, replicationFactor, latent, engine);
    }

    public Pipeline withOutput(OutputFormat newOutputFormat, boolean newResizeImages) {
        return new Pipeline(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs,
                newOutputFormat, newResizeImages, acceptShapeChange, modelFile, partitions, replicationFactor, latent, engine);
    }

    public Pipeline withLatent(LatentChoice newLatent) {
        return new Pipeline(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs,
                outputFormat, resizeImages, acceptShapeChange, modelFile, partitions, replicationFactor, newLatent, engine);
    }

    public Pipeline withEngine(InferenceEngineKind newEngine) {
        return new Pipeline(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs,
                outputFormat, resizeImages, acceptShapeChange, modelFile, partitions, replicationFactor, latent, newEngine);
    }

    public Pipeline withShapeChange(boolean accept) {
        return new Pipeline(name, inputTopic, denoisedTopic, latentTopic, modelName, batchSize, maxWaitMs,
                outputFormat, resizeImages, accept, modelFile, partitions, replicationFactor, latent, engine);
    }
}

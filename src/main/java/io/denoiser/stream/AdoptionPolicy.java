package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import java.util.List;

/**
 * What a model's catalog checks before it adopts a new version, from the pipelines that serve the model.
 *
 * @param maxBatch         the largest batch a pipeline of the model runs
 * @param maxInputElements the largest record a pipeline accepts, in values: a model whose records are larger
 *                         could never be given one
 * @param acceptShapeChange whether a version with another input shape may replace the one in use: only if
 *                         every pipeline of the model accepts it
 */
public record AdoptionPolicy(int maxBatch, long maxInputElements, boolean acceptShapeChange) {

    /** The policy of a model served by pipelines with the defaults. */
    public static final AdoptionPolicy DEFAULT = new AdoptionPolicy(Pipeline.DEFAULT_BATCH_SIZE,
            DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS, false);

    public AdoptionPolicy {
        if (maxBatch < 1 || maxInputElements < 1) {
            throw new IllegalArgumentException("batch and input limits must be >= 1");
        }
    }

    /** The policy of a model served by {@code pipelines}, all of the same model. */
    public static AdoptionPolicy of(List<Pipeline> pipelines, long maxInputElements) {
        return new AdoptionPolicy(pipelines.stream().mapToInt(Pipeline::batchSize).max()
                .orElse(Pipeline.DEFAULT_BATCH_SIZE), maxInputElements,
                !pipelines.isEmpty() && pipelines.stream().allMatch(Pipeline::acceptShapeChange));
    }

    /**
     * The batch a new version is warmed up for before it is adopted: the largest a stream thread runs with
     * records of {@code inputSize} values, which {@link ThreadBatch} also bounds by the values it holds.
     */
    int warmUpBatch(int inputSize) {
        return (int) Math.min(maxBatch, Math.max(1, ThreadBatch.MAX_BATCH_ELEMENTS / inputSize));
    }
}

package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.model.InferenceEngineKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a model's catalog checks before it adopts a new version, from the pipelines that serve the model.
 *
 * @param maxBatch         the largest batch a pipeline of the model runs
 * @param maxInputElements the largest record a pipeline accepts, in values: a model whose records are larger
 *                         could never be given one
 * @param acceptShapeChange whether a version with another input shape may replace the one in use: only if
 *                         every pipeline of the model accepts it
 * @param engines          the engines the model's pipelines run it on: a new version must load on each
 */
public record AdoptionPolicy(int maxBatch, long maxInputElements, boolean acceptShapeChange,
                             Set<InferenceEngineKind> engines) {

    /** The policy of a model served by pipelines with the defaults. */
    public static final AdoptionPolicy DEFAULT = new AdoptionPolicy(Pipeline.DEFAULT_BATCH_SIZE,
            DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS, false, Set.of(InferenceEngineKind.defaultKind()));

    public AdoptionPolicy {
        if (maxBatch < 1 || maxInputElements < 1 || engines.isEmpty()) {
            throw new IllegalArgumentException("batch and input limits must be >= 1, and an engine given");
        }
        engines = Set.copyOf(engines);
    }

    /** The policy of a model served by {@code pipelines}, all of the same model. */
    public static AdoptionPolicy of(List<Pipeline> pipelines, long maxInputElements) {
        return new AdoptionPolicy(pipelines.stream().mapToInt(Pipeline::batchSize).max()
                .orElse(Pipeline.DEFAULT_BATCH_SIZE), maxInputElements,
                !pipelines.isEmpty() && pipelines.stream().allMatch(Pipeline::acceptShapeChange),
                pipelines.isEmpty() ? DEFAULT.engines() : EnumSet.copyOf(pipelines.stream().map(Pipeline::engine).toList()));
    }

    /**
     * The batch a new version is warmed up for before it is adopted: the largest a stream thread runs with
     * records of {@code inputSize} values, which {@link ThreadBatch} also bounds by the values it holds.
     */
    int warmUpBatch(int inputSize) {
        return (int) Math.min(maxBatch, Math.max(1, ThreadBatch.MAX_BATCH_ELEMENTS / inputSize));
    }
}

package io.denoiser.stream;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.NativeRuntime;
import java.util.Arrays;

/**
 * What a trusted, verified record must pass before a catalog adopts it. A verified record can still describe
 * a network no thread can run, and adopting it would fail every batch on every instance, restarted ones
 * too; and a version of another input shape would be given records checked against the old one.
 */
final class ModelTrial {

    private ModelTrial() {
    }

    /**
     * Throws {@link InvalidModelException} unless {@code candidate} takes the input of {@code inUse} (or the
     * policy accepts shape changes), its records fit the pipelines' input limit, and a copy of it can be built
     * and warmed up for the largest batch a stream thread runs, on every engine its pipelines use; those copies
     * are closed again.
     *
     * @param inUse the version in use, or null if there is none
     */
    static void check(ModelRecord candidate, ModelRecord inUse, AdoptionPolicy policy) {
        if (inUse != null && !policy.acceptShapeChange() && !sameInput(candidate, inUse)) {
            throw new InvalidModelException(InvalidModelException.Reason.SHAPE_CHANGED, describe(candidate) + " takes "
                    + Arrays.toString(candidate.metadata().inputShape()) + ", the version in use "
                    + Arrays.toString(inUse.metadata().inputShape()) + ", and its pipelines do not accept shape changes");
        }
        int inputSize = candidate.metadata().shape().inputSize();
        if (inputSize > policy.maxInputElements()) {
            throw unloadable(candidate, "its records of " + inputSize + " values exceed the "
                    + policy.maxInputElements() + " values the pipelines accept");
        }
        int batch = policy.warmUpBatch(inputSize);
        NativeRuntime.limitNativeThreads(ModelCatalog.NATIVE_THREADS_PER_COPY);
        for (InferenceEngineKind engine : policy.engines()) {
            try {
                loadWarm(candidate, batch, engine).close();
            } catch (RuntimeException | OutOfMemoryError e) {
                // An allocation beyond the native memory limit fails before it takes any memory: the process goes on.
                throw unloadable(candidate, "it cannot be built and warmed up on " + engine + " for batches of " + batch
                        + ": " + e);
            }
        }
    }

    /**
     * A network for {@code record} on {@code engine}, warmed up for batches up to {@code maxBatch}; nothing stays
     * open if it fails.
     */
    static DenoisingModel loadWarm(ModelRecord record, int maxBatch, InferenceEngineKind engine) {
        DenoisingModel network = DenoisingModel.load(record, engine);
        try {
            network.warmUp(maxBatch);
            return network;
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    /** Whether records checked against {@code inUse} are what {@code candidate} takes too. */
    private static boolean sameInput(ModelRecord candidate, ModelRecord inUse) {
        return Arrays.equals(ModelShape.squeeze(candidate.metadata().inputShape()),
                ModelShape.squeeze(inUse.metadata().inputShape()))
                && tiled(candidate) == tiled(inUse);
    }

    private static boolean tiled(ModelRecord record) {
        return Architecture.fromId(record.metadata().architecture()).tiling().isPresent();
    }

    private static InvalidModelException unloadable(ModelRecord candidate, String why) {
        return new InvalidModelException(InvalidModelException.Reason.UNLOADABLE, describe(candidate)
                + " cannot be served: " + why);
    }

    private static String describe(ModelRecord candidate) {
        return "model " + candidate.name() + " version " + candidate.version();
    }
}

package io.denoiser.stream;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ImageTiling;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.NativeRuntime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model version one pipeline serves right now, shared by the global models thread (which offers new
 * versions) and the stream threads (which use them). {@code MultiLayerNetwork} is not thread-safe, so
 * every stream thread builds its own network from the current verified record and rebuilds it when the
 * version changes, closing its old copy: a swap never pauses or drops a record.
 */
public final class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    /** One native thread per copy, with one copy per stream thread, beat two per copy on 2 cores. */
    public static final int NATIVE_THREADS_PER_COPY = 1;

    private final String modelName;
    private final AtomicReference<ModelRecord> current;
    private final ThreadLocal<DenoisingModel> threadCopy = new ThreadLocal<>();

    /** Starts with {@code initial}, the shipped default, until a newer version arrives. */
    public ModelCatalog(ModelRecord initial) {
        this.modelName = initial.name();
        this.current = new AtomicReference<>(initial);
    }

    /**
     * Adopts {@code candidate} if it is for this pipeline and released after the current version: a newer
     * version, or an earlier one republished by a rollback.
     */
    public boolean offer(ModelRecord candidate) {
        if (!modelName.equals(candidate.name())) {
            return false;
        }
        long release = release(candidate);
        ModelRecord previous = current.getAndUpdate(old -> release > release(old) ? candidate : old);
        boolean adopted = release > release(previous);
        if (adopted) {
            LOG.info("model {} version {} adopted (was {}){}", modelName, candidate.version(), previous.version(),
                    candidate.metadata().release() == null ? "" : ", rolled back at release " + release);
        } else if (release < release(previous)) {
            LOG.info("model {} version {} (release {}) ignored: released before the version in use ({})",
                    modelName, candidate.version(), release, release(previous));
        }
        return adopted;
    }

    /** True if {@code candidate} was released before the version in use: a stale or replayed record. */
    public boolean isStale(ModelRecord candidate) {
        return release(candidate) < release(current.get());
    }

    private static long release(ModelRecord record) {
        return record.metadata().releaseOrder();
    }

    /**
     * The calling thread's own network, rebuilt first if a newer version was adopted since its last use; a
     * new copy is warmed up for batches up to {@code maxBatch} before it serves.
     */
    public DenoisingModel forCurrentThread(int maxBatch) {
        ModelRecord latest = current.get();
        DenoisingModel mine = threadCopy.get();
        if (mine == null || mine.metadata().releaseOrder() != release(latest)) {
            DenoisingModel replaced = mine;
            if (replaced == null) {
                NativeRuntime.limitNativeThreads(NATIVE_THREADS_PER_COPY);
            }
            mine = DenoisingModel.load(latest);
            mine.warmUp(maxBatch);
            threadCopy.set(mine);
            if (replaced != null) {
                replaced.close();
            }
        }
        return mine;
    }

    /** The shapes of the version in use, for checking records before they join a batch. */
    public ModelShape currentShape() {
        return current.get().metadata().shape();
    }

    /** How the version in use runs on images of any size, if it is a tiled image model. */
    public Optional<ImageTiling> currentTiling() {
        return Architecture.fromId(current.get().metadata().architecture()).tiling();
    }

    public String modelName() {
        return modelName;
    }

    public long currentVersion() {
        return current.get().version();
    }
}

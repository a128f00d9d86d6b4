package io.denoiser.stream;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ImageTiling;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ModelRecordCodec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model version one pipeline serves right now, shared by the global models thread (which offers new
 * versions) and the stream threads (which use them). {@code MultiLayerNetwork} is not thread-safe, so
 * every stream thread builds its own network from the current verified record and rebuilds it when the
 * version changes, closing its old copy: a swap never pauses or drops a record.
 *
 * <p>A catalog may start empty (a model with no version anywhere yet: its pipelines wait) or with a version
 * from a file or the jar, which the first trusted version from the topic replaces whatever its release.
 */
public final class ModelCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    /** One native thread per copy, with one copy per stream thread, beat two per copy on 2 cores. */
    public static final int NATIVE_THREADS_PER_COPY = 1;

    /** The version in use and where it came from. */
    private record InUse(ModelRecord record, ModelSource source, Architecture architecture) {

        /** Resolves the record's design once, not for every record checked against it. */
        InUse(ModelRecord record, ModelSource source) {
            this(record, source, Architecture.fromId(record.metadata().architecture()));
        }
    }

    private final String modelName;
    private final AdoptionPolicy policy;
    /** Null until the model has a first version. */
    private final AtomicReference<InUse> current;
    /** Each thread's copies, one per engine its pipelines run the model on. */
    private final ThreadLocal<Map<InferenceEngineKind, Copy>> threadCopies =
            ThreadLocal.withInitial(() -> new EnumMap<>(InferenceEngineKind.class));

    /** A thread's network and the record it was built from: a file's v1 and the topic's v1 differ. */
    private record Copy(ModelRecord from, DenoisingModel network) {
    }

    /** Starts with {@code initial}, the shipped default, until a version arrives on the topic. */
    public ModelCatalog(ModelRecord initial) {
        this(initial, ModelSource.JAR);
    }

    public ModelCatalog(ModelRecord initial, ModelSource source) {
        this(initial, source, AdoptionPolicy.DEFAULT);
    }

    public ModelCatalog(ModelRecord initial, ModelSource source, AdoptionPolicy policy) {
        this.modelName = initial.name();
        this.policy = policy;
        this.current = new AtomicReference<>(new InUse(initial, source));
    }

    private ModelCatalog(String modelName, AdoptionPolicy policy) {
        this.modelName = modelName;
        this.policy = policy;
        this.current = new AtomicReference<>();
    }

    /** A catalog with no version yet: its pipelines wait for the first one from the topic. */
    public static ModelCatalog awaiting(String modelName) {
        return awaiting(modelName, AdoptionPolicy.DEFAULT);
    }

    public static ModelCatalog awaiting(String modelName, AdoptionPolicy policy) {
        return new ModelCatalog(modelName, policy);
    }

    /**
     * Adopts {@code candidate}, a trusted record from the models topic, if it is for this model and either the
     * version in use did not come from the topic or {@code candidate} was released after it (a newer version,
     * or an earlier one republished by a rollback), or it is a rival: another record under the release in use,
     * which the later one replaces, as compaction will keep only it. It must pass {@link ModelTrial} first.
     *
     * @throws InvalidModelException with reason {@code UNLOADABLE} or {@code SHAPE_CHANGED} if it fails the trial;
     *                               the version in use stays
     */
    public boolean offer(ModelRecord candidate) {
        if (!modelName.equals(candidate.name())) {
            return false;
        }
        InUse inUse = current.get();
        boolean rival = isRival(candidate, inUse);
        if (!rival && !supersedes(candidate, inUse)) {
            if (isStale(candidate)) {
                LOG.info("model {} version {} (release {}) ignored: released before the version in use ({})",
                        modelName, candidate.version(), release(candidate), release(inUse.record()));
            }
            return false;
        }
        ModelTrial.check(candidate, inUse == null ? null : inUse.record(), policy);
        if (!current.compareAndSet(inUse, new InUse(candidate, ModelSource.TOPIC))) {
            return offer(candidate);   // another thread changed the version meanwhile: decide again
        }
        if (rival) {
            LOG.warn("model {} release {}: another record under the release in use (two publishers?) replaces it, "
                    + "as compaction keeps only the later one", modelName, release(candidate));
        } else {
            LOG.info("model {} version {} from the models topic adopted (was {}){}", modelName, candidate.version(),
                    inUse == null ? "none" : "v" + inUse.record().version() + " from " + inUse.source(),
                    candidate.metadata().release() == null ? "" : ", rolled back at release " + release(candidate));
        }
        return true;
    }

    /** True if {@code candidate} has the release of the topic's version in use but other content. */
    public boolean isRival(ModelRecord candidate) {
        return isRival(candidate, current.get());
    }

    private static boolean isRival(ModelRecord candidate, InUse inUse) {
        return inUse != null && inUse.source() == ModelSource.TOPIC && candidate != inUse.record()
                && release(candidate) == release(inUse.record())
                && !Arrays.equals(ModelRecordCodec.encode(candidate), ModelRecordCodec.encode(inUse.record()));
    }

    private static boolean supersedes(ModelRecord candidate, InUse inUse) {
        return inUse == null || inUse.source() != ModelSource.TOPIC || release(candidate) > release(inUse.record());
    }

    /** True if {@code candidate} was released before the topic's version in use: a stale or replayed record. */
    public boolean isStale(ModelRecord candidate) {
        InUse inUse = current.get();
        return inUse != null && inUse.source() == ModelSource.TOPIC && release(candidate) < release(inUse.record());
    }

    /**
     * The release of the version in use if it came from the models topic, else 0: a task compares it with the
     * release its partition served last ({@link ServedRelease}).
     */
    public long topicRelease() {
        InUse inUse = current.get();
        return inUse != null && inUse.source() == ModelSource.TOPIC ? release(inUse.record()) : 0;
    }

    /** False while the model has no version: its pipelines are left out of the topology and wait. */
    public boolean hasVersion() {
        return current.get() != null;
    }

    private static long release(ModelRecord record) {
        return record.metadata().releaseOrder();
    }

    /**
     * The calling thread's own network on {@code engine}, rebuilt first if a newer version was adopted since
     * its last use; a new copy is warmed up for batches up to {@code maxBatch} before it serves. Pipelines
     * running the model on different engines each get a copy of their own.
     */
    public DenoisingModel forCurrentThread(int maxBatch, InferenceEngineKind engine) {
        ModelRecord latest = inUse().record();
        Map<InferenceEngineKind, Copy> copies = threadCopies.get();
        Copy mine = copies.get(engine);
        if (mine == null || mine.from() != latest) {
            Copy replaced = mine;
            if (copies.isEmpty()) {
                NativeRuntime.limitNativeThreads(NATIVE_THREADS_PER_COPY);
            }
            DenoisingModel network = ModelTrial.loadWarm(latest, maxBatch, engine);
            mine = new Copy(latest, network);
            copies.put(engine, mine);
            if (replaced != null) {
                replaced.network().close();
            }
        }
        return mine.network();
    }

    /**
     * Closes the calling thread's copies, if it has any: an inference thread does so as it ends, since nothing
     * else can reach a copy held for that thread, and an unclosed copy keeps its native memory until a GC.
     */
    public void closeCopyOfCurrentThread() {
        Map<InferenceEngineKind, Copy> copies = threadCopies.get();
        threadCopies.remove();
        copies.values().forEach(copy -> copy.network().close());
    }

    /** The shapes of the version in use, for checking records before they join a batch. */
    public ModelShape currentShape() {
        return inUse().record().metadata().shape();
    }

    private InUse inUse() {
        InUse inUse = current.get();
        if (inUse == null) {
            throw new IllegalStateException("model " + modelName + " has no version yet");
        }
        return inUse;
    }

    /** How the version in use runs on images of any size, if it is a tiled image model. */
    public Optional<ImageTiling> currentTiling() {
        return inUse().architecture().tiling();
    }

    /**
     * Throws {@link InvalidModelException} unless the version in use takes records of {@code shape}: its own
     * input shape, or for a design fully convolutional in time, windows of another length it accepts.
     */
    public void checkInput(int[] shape) {
        InUse inUse = inUse();
        inUse.architecture().checkInput(inUse.record().metadata().shape(), shape);
    }

    public String modelName() {
        return modelName;
    }

    /** The version in use, 0 while there is none (a gauge must always have a value). */
    public long currentVersion() {
        InUse inUse = current.get();
        return inUse == null ? 0 : inUse.record().version();
    }
}

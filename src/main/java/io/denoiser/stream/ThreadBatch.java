package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.Latent;
import io.denoiser.model.LatentChoice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream thread's micro-batch for one pipeline, shared by all the tasks (input partitions) that thread
 * runs. A batch per task would split the thread's records: with three partitions each task fills only a
 * third of a batch before the maximum wait expires. The batch only computes: each record's result goes
 * back to the processor of the task that owns it, which forwards it (and deletes it from its
 * changelogged buffer) in its own task's context, so exactly-once bookkeeping stays per task. Passes run
 * on the stream thread's {@link InferenceWorker}, with that worker's own model copy; owners hear of their
 * records from the worker's thread. Since a batch mixes partitions, a pass that fails is split by
 * {@link BisectingPass}, so that only the records that fail on their own are reported as failed.
 *
 * <p>A batch is full at the pipeline's batch size or once its records hold {@link #MAX_BATCH_ELEMENTS}
 * values, whichever comes first: 128 photos of a million values would hold 512 MB, and a tiled model gains
 * nothing from more images per pass, since it runs their tiles in batches of its own fixed size anyway.
 */
final class ThreadBatch {

    /** The processor of one task, told the outcome of each of its records, from the inference thread. */
    interface Owner {
        void completed(long sequence, Outcome outcome);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ThreadBatch.class);

    /**
     * Values a batch may hold before it runs, whatever its record count (8 MB of floats). Digit batches of
     * 128 x 784 values never reach it; photos do after a few, so that a pass and the batch filling behind
     * it hold a bounded amount of memory however large the images.
     */
    static final long MAX_BATCH_ELEMENTS = 2L << 20;

    /** A buffered record waiting for the next forward pass, with the shape the model reads it as. */
    record Pending(Owner owner, long sequence, float[] input, int[] shape) {
    }

    /** The denoised output and published latent vector of one record, or why the model failed on it. */
    record Outcome(float[] output, Latent latent, DenoisingModel model, long inferenceNanos, RuntimeException failure) {

        static Outcome failed(RuntimeException failure) {
            return new Outcome(null, null, null, 0, failure);
        }
    }

    private final InferenceWorker worker;
    private final BisectingPass passes;
    /** Computed here, on the inference thread: an embedding costs N x (D + bits) multiply-adds per record. */
    private final LatentChoice latentChoice;
    private final InferenceEngineKind engine;
    private final List<Pending> pending = new ArrayList<>();
    private long oldestAddedAt;
    private long lastAddedAt = Long.MIN_VALUE;
    private long pendingElements;

    ThreadBatch(InferenceWorker worker, ForwardPass pass, LatentChoice latentChoice, InferenceEngineKind engine) {
        this.worker = worker;
        this.passes = new BisectingPass(pass);
        this.latentChoice = latentChoice;
        this.engine = engine;
    }

    /**
     * Builds and warms up the worker's copy of the model before the first record arrives, so that a fresh
     * stream thread reports RUNNING with its model ready.
     */
    DenoisingModel prepare(ModelCatalog catalog, int maxBatch) {
        return worker.call(() -> catalog.forCurrentThread(maxBatch, engine));
    }

    void add(Pending record, long now) {
        if (pending.isEmpty()) {
            oldestAddedAt = now;
        }
        pending.add(record);
        pendingElements += record.input().length;
        lastAddedAt = now;
    }

    /** Whether no record was added in the last {@code idleMs}: the input has stopped, at least for now. */
    boolean isIdle(long now, long idleMs) {
        return now - lastAddedAt >= idleMs;
    }

    boolean isFull(int batchSize) {
        return pending.size() >= batchSize || pendingElements >= MAX_BATCH_ELEMENTS;
    }

    boolean isDue(long now, long maxWaitMs) {
        return !pending.isEmpty() && now - oldestAddedAt >= maxWaitMs;
    }

    /**
     * Starts one forward pass over everything pending, with the catalog's current version; every owner
     * hears of each of its records once it has run. A pass that keeps failing with an Error reports
     * nothing: its records stay buffered, and the stream thread fails on {@link #awaitPass()} or the next run.
     */
    void run(ModelCatalog catalog, int maxBatch, DenoiserMetrics metrics, String pipeline) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        pendingElements = 0;
        worker.start(() -> compute(batch, catalog, maxBatch, metrics, pipeline));
    }

    private void compute(List<Pending> checked, ModelCatalog catalog, int maxBatch, DenoiserMetrics metrics,
                         String pipeline) {
        DenoisingModel model;
        try {
            model = catalog.forCurrentThread(maxBatch, engine);
        } catch (RuntimeException e) {
            checked.forEach(record -> record.owner().completed(record.sequence(), Outcome.failed(e)));
            return;
        }
        List<Pending> batch = takenBy(model, checked);
        if (batch.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<BisectingPass.Result> results = passes.run(model, batch);
        long inferenceNanos = System.nanoTime() - started;
        long failed = results.stream().filter(result -> result.failure() != null).count();
        if (failed > 0) {
            LOG.warn("pipeline {}: {} of {} records failed the forward pass on their own; the others were denoised",
                    pipeline, failed, batch.size());
        }
        if (failed < batch.size()) {
            metrics.batchDenoised(pipeline, batch.size() - (int) failed, maxBatch, inferenceNanos);
        }
        for (int i = 0; i < batch.size(); i++) {
            BisectingPass.Result result = results.get(i);
            batch.get(i).owner().completed(batch.get(i).sequence(), result.failure() != null
                    ? Outcome.failed(result.failure())
                    : new Outcome(result.output(), model.latent(result.output(), result.latent(), latentChoice), model,
                            inferenceNanos, null));
        }
    }

    /**
     * The records {@code model} takes; the others, checked against an earlier version of another input shape
     * (a shape change the pipeline accepts), fail on their own rather than with the whole batch.
     */
    private static List<Pending> takenBy(DenoisingModel model, List<Pending> batch) {
        List<Pending> taken = new ArrayList<>(batch.size());
        for (Pending record : batch) {
            if (model.accepts(record.shape())) {
                taken.add(record);
            } else {
                record.owner().completed(record.sequence(), Outcome.failed(new InvalidRecordException(
                        InvalidRecordException.Reason.SHAPE_CHANGED, "checked against an earlier version of the model, "
                        + "but version " + model.metadata().version() + " does not take " + Arrays.toString(record.shape()))));
            }
        }
        return taken;
    }

    /** Waits until the pass last started has delivered its outcomes. */
    void awaitPass() {
        worker.awaitIdle();
    }

    /** Drops a closing task's records: they stay in its buffer, and whoever runs the task next restores them. */
    void removeOwner(Owner owner) {
        pending.removeIf(record -> record.owner() == owner);
        pendingElements = pending.stream().mapToLong(record -> record.input().length).sum();
    }
}

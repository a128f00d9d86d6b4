package io.denoiser.stream;

import io.denoiser.codec.InvalidRecordException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The records one incarnation of a task's {@link DenoiseProcessor} has handed to its thread's batch, and
 * their outcomes, from {@code init()} to {@code close()}. Kafka Streams may close a task and initialise
 * the same processor instance again (after a revive or a resume) while a pass holding the task's records
 * still runs. That pass reports to the incarnation it was given, which is closed by then and drops the
 * outcomes: the records are still in the changelogged buffer, and the new incarnation restores them and
 * denoises them again, so they are published once, by the incarnation that owns the buffer now.
 */
final class TaskIncarnation implements ThreadBatch.Owner {

    /** A buffered record with its decoded input, kept in memory so the hot path decodes once. */
    record InFlight(BufferedRecord record, RecordInput.Decoded input) {
    }

    /** What the stream thread does with each record whose outcome is known, in buffer order. */
    interface Outcomes {
        void denoised(long sequence, InFlight record, ThreadBatch.Outcome outcome);

        void rejected(long sequence, BufferedRecord record, String reason, Exception cause);
    }

    private final Map<Long, InFlight> inFlight = new HashMap<>();
    /** Filled by the inference thread, drained in order by the stream thread. */
    private final ConcurrentSkipListMap<Long, ThreadBatch.Outcome> finished = new ConcurrentSkipListMap<>();
    private final Map<Long, InvalidRecordException> rejectedOnRestore = new TreeMap<>();
    private volatile boolean closed;

    void add(long sequence, BufferedRecord record, RecordInput.Decoded input) {
        inFlight.put(sequence, new InFlight(record, input));
    }

    /** A restored record the model no longer takes: dead-lettered at the first drain, since init may not forward. */
    void rejectOnRestore(long sequence, BufferedRecord record, InvalidRecordException cause) {
        inFlight.put(sequence, new InFlight(record, null));
        rejectedOnRestore.put(sequence, cause);
    }

    InFlight get(long sequence) {
        return inFlight.get(sequence);
    }

    int size() {
        return inFlight.size();
    }

    /** From the inference thread. An outcome that arrives after close belongs to no one and is dropped. */
    @Override
    public void completed(long sequence, ThreadBatch.Outcome outcome) {
        if (!closed) {
            finished.put(sequence, outcome);
        }
    }

    /**
     * Hands every record rejected on restore, then every finished record in arrival order, to {@code outcomes};
     * returns how many were denoised.
     */
    int drain(Outcomes outcomes) {
        rejectedOnRestore.forEach((sequence, e) -> outcomes.rejected(sequence, inFlight.remove(sequence).record(),
                e.reason().name(), e));
        rejectedOnRestore.clear();
        int denoised = 0;
        while (!finished.isEmpty()) {
            Map.Entry<Long, ThreadBatch.Outcome> entry = finished.pollFirstEntry();
            InFlight record = inFlight.remove(entry.getKey());
            ThreadBatch.Outcome outcome = entry.getValue();
            if (outcome.failure() != null) {
                outcomes.rejected(entry.getKey(), record.record(), outcome.failure() instanceof InvalidRecordException e
                        ? e.reason().name() : "MODEL_FAILURE", outcome.failure());
            } else {
                outcomes.denoised(entry.getKey(), record, outcome);
                denoised++;
            }
        }
        return denoised;
    }

    void close() {
        closed = true;
        inFlight.clear();
        finished.clear();
        rejectedOnRestore.clear();
    }
}

package io.denoiser.stream;

import java.nio.ByteBuffer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The newest model release a task's partition has served, kept in the task's changelogged buffer under a key
 * no record uses, so it moves with the task: a task taken over by an instance whose global models thread
 * lags holds its records (buffered, so nothing is lost) until that instance has the release too, rather than
 * serving an older version than the partition already did.
 */
final class ServedRelease {

    /** Buffered records are keyed by sequence numbers from 0. */
    static final long KEY = -1;

    private final KeyValueStore<Long, byte[]> buffer;

    ServedRelease(KeyValueStore<Long, byte[]> buffer) {
        this.buffer = buffer;
    }

    /** The release served last, 0 if none from the models topic yet. */
    long release() {
        byte[] stored = buffer.get(KEY);
        return stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
    }

    /** Whether the partition served a newer release than {@code catalog} has now. */
    boolean isAheadOf(ModelCatalog catalog) {
        return release() > catalog.topicRelease();
    }

    /**
     * Records that the partition's outputs now come from {@code catalog}'s version: at least as new as the one
     * that computed them, which is all a later owner needs to know.
     */
    void servedFrom(ModelCatalog catalog) {
        long release = catalog.topicRelease();
        if (release > release()) {
            buffer.put(KEY, ByteBuffer.allocate(Long.BYTES).putLong(release).array());
        }
    }
}

package io.denoiser.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a task keeps out of the batch while this instance lags the model release its partition served
 * last ({@link ServedRelease}): they wait in the buffer, in order, until the models topic brings that release.
 */
final class ReleaseHold {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseHold.class);

    private final ServedRelease served;
    private final ModelCatalog catalog;
    private final String pipeline;
    private final List<Long> held = new ArrayList<>();

    ReleaseHold(ServedRelease served, ModelCatalog catalog, String pipeline) {
        this.served = served;
        this.catalog = catalog;
        this.pipeline = pipeline;
    }

    /** Whether {@code sequence} must wait; it then waits behind those already held. */
    boolean holds(long sequence) {
        if (held.isEmpty() && !served.isAheadOf(catalog)) {
            return false;
        }
        if (held.isEmpty()) {
            LOG.warn("pipeline {}: this task's partition served release {} of model {}, this instance has {}; "
                    + "its records wait in the buffer until the models topic brings it", pipeline,
                    served.release(), catalog.modelName(), catalog.topicRelease());
        }
        held.add(sequence);
        return true;
    }

    /** Hands the held records to {@code rejoin}, in order, once this instance has the release they wait for. */
    void release(LongConsumer rejoin) {
        if (held.isEmpty() || served.isAheadOf(catalog)) {
            return;
        }
        List<Long> waiting = List.copyOf(held);
        held.clear();
        waiting.forEach(rejoin::accept);
    }

    /** Records that the partition's outputs now come from the catalog's current release. */
    void served() {
        served.servedFrom(catalog);
    }
}

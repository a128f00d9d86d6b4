package io.denoiser.train;

import io.denoiser.metrics.Readiness;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the trainer's {@code /health/*} answer. Live while its loop makes progress (a training step, an epoch or
 * a tick of the wait between rounds) and its clean-sample consumer reads: a restart is the cure for a wedged
 * loop or a dead consumer. Ready once a round has read the models topic and the clean samples, and while the
 * last round did not fail: the loop retries at the next round, and an operator reads the reason meanwhile.
 */
public final class TrainerHealth {

    /** Longer than any step of a round that reports no progress: the held-out scoring, the embedding fit, publishing. */
    static final Duration WEDGED_AFTER = Duration.ofMinutes(15);

    private final LongSupplier nanoTime;
    private volatile long lastProgress;
    private volatile boolean dataRead;
    private volatile String roundFailure;
    private volatile String consumerFailure;

    public TrainerHealth() {
        this(System::nanoTime);
    }

    TrainerHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastProgress = nanoTime.getAsLong();
    }

    public Readiness live() {
        if (consumerFailure != null) {
            return Readiness.down("clean-sample consumer failed: " + consumerFailure);
        }
        long silentSeconds = Duration.ofNanos(nanoTime.getAsLong() - lastProgress).toSeconds();
        if (silentSeconds > WEDGED_AFTER.toSeconds()) {
            return Readiness.down("training loop wedged: no progress for " + silentSeconds + " s");
        }
        return Readiness.UP;
    }

    public Readiness ready() {
        Readiness live = live();
        if (!live.ready()) {
            return live;
        }
        if (roundFailure != null) {
            return Readiness.down("last round failed: " + roundFailure);
        }
        return dataRead ? Readiness.UP : Readiness.down("reading the models topic and clean samples");
    }

    void progressed() {
        lastProgress = nanoTime.getAsLong();
    }

    void dataRead() {
        dataRead = true;
    }

    void roundFinished() {
        roundFailure = null;
    }

    void roundFailed(RuntimeException failure) {
        roundFailure = describe(failure);
    }

    void consumerCaughtUp() {
        consumerFailure = null;
    }

    void consumerFailed(RuntimeException failure) {
        consumerFailure = describe(failure);
    }

    /** One line for the probe's body. */
    private static String describe(RuntimeException failure) {
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage().replaceAll("\\s+", " ");
        return failure.getClass().getSimpleName() + message;
    }
}

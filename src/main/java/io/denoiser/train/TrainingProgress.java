package io.denoiser.train;

/** Receives progress while a model trains; implementations print or record it. */
public interface TrainingProgress {

    void epochFinished(int epoch, int epochs, double loss, double seconds, double etaSeconds);

    /** Prints one line per epoch to standard error, where progress belongs. */
    static TrainingProgress toStderr() {
        return (epoch, epochs, loss, seconds, eta) -> System.err.printf(
                "epoch %d/%d  loss %.4f  %.1fs  eta %.0fs%n", epoch, epochs, loss, seconds, eta);
    }
}

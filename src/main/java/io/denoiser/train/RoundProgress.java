package io.denoiser.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A trainer round's progress: each epoch logged, and every step counted as the loop's sign of life. */
final class RoundProgress implements TrainingProgress {

    private static final Logger LOG = LoggerFactory.getLogger(RoundProgress.class);

    private final TrainerHealth health;

    RoundProgress(TrainerHealth health) {
        this.health = health;
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches, double loss) {
        health.progressed();
    }

    @Override
    public void epochFinished(int epoch, int epochs, double loss, double heldOutPsnrDb, double seconds) {
        health.progressed();
        LOG.info("epoch {}/{} loss {} held-out PSNR {} dB ({}s)", epoch, epochs, String.format(Locale.ROOT, "%.4f", loss),
                String.format(Locale.ROOT, "%.2f", heldOutPsnrDb), String.format(Locale.ROOT, "%.1f", seconds));
    }
}

package io.denoiser.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar per epoch (batch, loss, ETA), then one summary line per epoch. */
public final class ProgressBarReporter implements TrainingProgress {

    private ProgressBar bar;
    private int barEpoch = -1;

    @Override
    public void batchFinished(int epoch, int batch, int batches, double loss) {
        if (epoch != barEpoch) {
            closeBar();
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).showSpeed().build();
            barEpoch = epoch;
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format("loss %.4f", loss));
    }

    @Override
    public void epochFinished(int epoch, int epochs, double loss, double heldOutPsnrDb, double seconds) {
        closeBar();
        System.err.printf("epoch %d/%d  loss %.4f  held-out PSNR %.2f dB  %.1fs%n", epoch, epochs, loss, heldOutPsnrDb,
                seconds);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

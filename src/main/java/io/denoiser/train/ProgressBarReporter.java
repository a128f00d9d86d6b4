package io.denoiser.train;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch (batch, loss, ETA), then one summary line per epoch. On a terminal the bar redraws
 * itself in place; elsewhere ({@code kubectl logs}, a file) a redraw would pile up as one endless line, so the
 * bar is written as a plain line every {@link #LOG_EVERY} while it moves.
 */
public final class ProgressBarReporter implements TrainingProgress {

    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final int LOG_LINE_WIDTH = 120;

    private final PrintStream out;
    private final boolean terminal;
    private final Duration logEvery;
    private ProgressBar bar;
    private int barEpoch = -1;

    ProgressBarReporter(PrintStream out, boolean terminal, Duration logEvery) {
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    /** Progress on standard error, as a bar when the process has a terminal. */
    public static ProgressBarReporter onStandardError() {
        return new ProgressBarReporter(System.err, System.console() != null, LOG_EVERY);
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches, double loss) {
        if (epoch != barEpoch) {
            closeBar();
            bar = newBar(epoch, batches);
            barEpoch = epoch;
        }
        bar.stepTo(batch);
        bar.setExtraMessage(String.format(" loss %.4f", loss));
    }

    @Override
    public void epochFinished(int epoch, int epochs, double loss, double heldOutPsnrDb, double seconds) {
        closeBar();
        out.printf("epoch %d/%d  loss %.4f  held-out PSNR %.2f dB  %.1fs%n", epoch, epochs, loss, heldOutPsnrDb,
                seconds);
    }

    private ProgressBar newBar(int epoch, int batches) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("epoch " + epoch).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).showSpeed();
        if (!terminal) {
            // the library's console consumer (on standard error) draws on a terminal; a log gets whole lines
            builder.setConsumer(new DelegatingProgressBarConsumer(out::println, LOG_LINE_WIDTH))
                    .setUpdateIntervalMillis(Math.toIntExact(logEvery.toMillis()));
        }
        return builder.build();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarReporterTest {

    private static final Duration LOG_EVERY = Duration.ofMillis(100);
    private static final int BATCHES = 200;

    @Test
    void shouldWritePlainLinesNowAndThenWhenNotOnATerminal() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ProgressBarReporter reporter = new ProgressBarReporter(new PrintStream(written, true, StandardCharsets.UTF_8),
                false, LOG_EVERY);

        long started = System.nanoTime();
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int batch = 1; batch <= BATCHES; batch++) {
                reporter.batchFinished(epoch, batch, BATCHES, 0.5);
                Thread.sleep(2);
            }
            reporter.epochFinished(epoch, 2, 0.5, 20, 1);
        }
        long periods = Duration.ofNanos(System.nanoTime() - started).dividedBy(LOG_EVERY);

        String log = written.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().toList();
        assertThat(log).doesNotContain("\r");
        // per epoch: the first state, one line per period begun, the last state and the summary
        assertThat(lines).hasSizeLessThanOrEqualTo((int) periods + 2 * 4).hasSizeLessThan(BATCHES / 4)
                .anySatisfy(line -> assertThat(line).startsWith("epoch 1 100%").contains("200/200", "batches/s loss 0.5000"))
                .contains("epoch 2/2  loss 0.5000  held-out PSNR 20.00 dB  1.0s");
    }
}

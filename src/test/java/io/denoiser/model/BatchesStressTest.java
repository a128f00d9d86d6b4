package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Batches#rows} copies out of the native buffer of a copy it makes itself (of a permuted array). Once
 * the JIT compiles it, nothing but a reachability fence keeps that copy alive during the loop: without one, a
 * collection in the middle frees the buffer and the copy reads unmapped memory (a SIGSEGV in libc that killed
 * {@code bench model} and would kill {@code serve}) or memory already reused (wrong values).
 */
class BatchesStressTest {

    private static final int ROWS = 8;
    private static final int CHANNELS = 96;
    private static final int CELLS = 36 * 36;

    @Test
    void shouldKeepItsOwnCopyAliveWhileReadingRowsUnderForcedCollections() throws Exception {
        INDArray cellsFirst = Nd4j.arange(0, (double) ROWS * CHANNELS * CELLS).castTo(DataType.FLOAT)
                .reshape(ROWS, CELLS, CHANNELS);
        double[] expectedSums = new double[ROWS];
        for (int row = 0; row < ROWS; row++) {
            double first = (double) row * CHANNELS * CELLS;
            expectedSums[row] = CHANNELS * CELLS * (2 * first + CHANNELS * CELLS - 1) / 2;
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
            }
        }, "collector");
        collector.setDaemon(true);
        collector.start();
        try {
            for (int round = 0; round < 800; round++) {
                float[][] rows = Batches.rows(cellsFirst.permute(0, 2, 1), ROWS);
                for (int row = 0; row < ROWS; row += ROWS - 1) {
                    double sum = 0;
                    for (float value : rows[row]) {
                        sum += value;
                    }
                    assertThat(sum).as("row %d in round %d", row, round).isEqualTo(expectedSums[row]);
                }
            }
        } finally {
            running.set(false);
            collector.join();
        }
    }
}

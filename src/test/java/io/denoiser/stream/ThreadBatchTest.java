package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.LatentChoice;
import io.denoiser.model.ModelRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ThreadBatchTest {

    private static final int BATCH_SIZE = 128;
    private static final int HALF = (int) (ThreadBatch.MAX_BATCH_ELEMENTS / 2);

    private final ThreadBatch batch = new ThreadBatch(InferenceWorker.inline(), ForwardPass.MODEL, LatentChoice.EMBEDDING,
            InferenceEngineKind.defaultKind());
    private final Map<Long, ThreadBatch.Outcome> outcomes = new ConcurrentHashMap<>();
    private final ThreadBatch.Owner owner = (sequence, outcome) -> outcomes.put(sequence, outcome);

    @Test
    void shouldBeFullOnceItsRecordsHoldTheMostValuesABatchMayHoldWhateverTheirCount() {
        batch.add(new ThreadBatch.Pending(owner, 0, new float[HALF], new int[] {1, HALF}), 0);
        assertThat(batch.isFull(BATCH_SIZE)).isFalse();
        batch.add(new ThreadBatch.Pending(owner, 1, new float[HALF], new int[] {1, HALF}), 0);
        assertThat(batch.isFull(BATCH_SIZE)).isTrue();
    }

    @Test
    void shouldStartCountingValuesAfreshWithEachPassAndForgetAClosingTasksRecords() {
        ThreadBatch.Owner closing = (sequence, outcome) -> { };
        batch.add(new ThreadBatch.Pending(closing, 0, new float[HALF], new int[] {1, HALF}), 0);
        batch.add(new ThreadBatch.Pending(owner, 1, new float[HALF], new int[] {1, HALF}), 0);
        batch.removeOwner(closing);
        assertThat(batch.isFull(BATCH_SIZE)).isFalse();

        batch.add(new ThreadBatch.Pending(owner, 2, new float[HALF], new int[] {1, HALF}), 0);
        assertThat(batch.isFull(BATCH_SIZE)).isTrue();
        batch.run(new ModelCatalog(ModelRecords.cnnSeed(1, 1)), BATCH_SIZE, new DenoiserMetrics(new SimpleMeterRegistry()),
                "images");
        assertThat(outcomes).containsOnlyKeys(1L, 2L);
        batch.add(new ThreadBatch.Pending(owner, 3, new float[HALF], new int[] {1, HALF}), 0);
        assertThat(batch.isFull(BATCH_SIZE)).isFalse();
    }
}

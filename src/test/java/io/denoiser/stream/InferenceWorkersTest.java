package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InferenceWorkersTest {

    @Test
    void shouldGiveEachStreamThreadItsOwnNamedWorkerThread() throws Exception {
        try (InferenceWorkers workers = InferenceWorkers.dedicated()) {
            Thread mine = workerThreadOf(workers, "stream-thread-1");
            Thread again = workerThreadOf(workers, "stream-thread-1");
            assertThat(mine.getName()).isEqualTo("inference-stream-thread-1");
            assertThat(again).isNotSameAs(mine);
            assertThat(workers.forCurrentThread()).isSameAs(workers.forCurrentThread());
        }
    }

    @Test
    void shouldStopTheWorkerOfAStreamThreadThatEndedWhenAReplacementStarts() throws Exception {
        try (InferenceWorkers workers = InferenceWorkers.dedicated()) {
            Thread orphan = workerThreadOf(workers, "stream-thread-1");
            assertThat(orphan.isAlive()).isTrue();
            Thread replacement = workerThreadOf(workers, "stream-thread-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
            assertThat(replacement.isAlive()).isTrue();
        }
    }

    @Test
    void shouldStopEveryWorkerOnClose() throws Exception {
        InferenceWorkers workers = InferenceWorkers.dedicated();
        Thread worker = workerThreadOf(workers, "stream-thread-1");
        workers.close();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
    }

    /** Runs a short-lived "stream thread" that asks for its worker, and returns the worker's thread. */
    private static Thread workerThreadOf(InferenceWorkers workers, String streamThreadName) throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Thread streamThread = new Thread(() -> worker.set(workers.forCurrentThread().call(Thread::currentThread)),
                streamThreadName);
        streamThread.start();
        streamThread.join(10_000);
        return worker.get();
    }
}

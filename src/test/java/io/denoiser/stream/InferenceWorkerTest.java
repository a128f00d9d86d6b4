package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceWorkerTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void shouldReturnBeforeThePassEndsAndRunPassesOneAtATimeInOrder() throws Exception {
        InferenceWorker worker = InferenceWorker.on(executor, Duration.ofMinutes(1));
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        worker.start(() -> {
            awaitQuietly(release);
            ran.add("first");
        });
        assertThat(ran).isEmpty();

        Thread starter = new Thread(() -> worker.start(() -> ran.add("second")));
        starter.start();
        starter.join(200);
        assertThat(starter.isAlive()).as("the second start waits for the first pass").isTrue();
        release.countDown();
        starter.join(5_000);
        assertThat(worker.call(() -> ran.size())).isEqualTo(2);
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void shouldRunCallsOnTheWorkerThread() {
        InferenceWorker worker = InferenceWorker.on(executor, Duration.ofMinutes(1));
        String caller = Thread.currentThread().getName();
        assertThat(worker.call(() -> Thread.currentThread().getName())).isNotEqualTo(caller);
    }

    @Test
    void shouldFailTheNextStartWhenAPassDiedOfAnError() {
        InferenceWorker worker = InferenceWorker.on(executor, Duration.ofMinutes(1));
        worker.start(() -> {
            throw new OutOfMemoryError("native allocation failed");
        });
        assertThatThrownBy(() -> worker.start(() -> { }))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseMessage("native allocation failed");
    }

    @Test
    void shouldRunInlineOnTheCallingThread() {
        InferenceWorker worker = InferenceWorker.inline();
        AtomicInteger runs = new AtomicInteger();
        worker.start(runs::incrementAndGet);
        assertThat(runs).hasValue(1);
        assertThat(worker.call(() -> Thread.currentThread())).isSameAs(Thread.currentThread());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

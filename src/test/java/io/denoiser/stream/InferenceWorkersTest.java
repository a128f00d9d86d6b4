package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class InferenceWorkersTest {

    @Test
    void shouldGiveEachStreamThreadItsOwnNamedWorkerThread() throws Exception {
        try (InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            Thread mine = workerThreadOf(workers, "stream-thread-1");
            Thread again = workerThreadOf(workers, "stream-thread-1");
            assertThat(mine.getName()).isEqualTo("inference-stream-thread-1");
            assertThat(again).isNotSameAs(mine);
            assertThat(workers.forCurrentThread()).isSameAs(workers.forCurrentThread());
        }
    }

    @Test
    void shouldStopTheWorkerOfAStreamThreadThatEndedWhenAReplacementStarts() throws Exception {
        try (InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            Thread orphan = workerThreadOf(workers, "stream-thread-1");
            assertThat(orphan.isAlive()).isTrue();
            Thread replacement = workerThreadOf(workers, "stream-thread-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
            assertThat(replacement.isAlive()).isTrue();
        }
    }

    @Test
    void shouldStopEveryWorkerOnClose() throws Exception {
        InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1));
        Thread worker = workerThreadOf(workers, "stream-thread-1");
        workers.close();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void shouldRunTheEndHookOnAWorkerThreadAsItEndsSoItCanCloseTheCopiesOnlyThatThreadReaches() throws Exception {
        InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1));
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        workers.whenAWorkerEnds(() -> ranOn.set(Thread.currentThread()));
        Thread worker = workerThreadOf(workers, "stream-thread-1");
        workers.close();
        worker.join(10_000);
        assertThat(ranOn.get()).isSameAs(worker);
    }

    @Test
    void shouldKeepTheWorkerOfAStreamThreadStillRunningAtCloseSoItsNextPassSucceeds() throws Exception {
        InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1));
        CountDownLatch gotWorker = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<String> secondPass = new AtomicReference<>();
        Thread streamThread = new Thread(() -> {
            InferenceWorker worker = workers.forCurrentThread();
            worker.call(() -> "warm-up");
            gotWorker.countDown();
            try {
                closed.await();
                secondPass.set(worker.call(() -> "after close"));
            } catch (Exception e) {
                secondPass.set(e.toString());
            }
        }, "stream-thread-slow-to-stop");
        streamThread.start();
        gotWorker.await();
        workers.close();
        closed.countDown();
        streamThread.join(10_000);
        assertThat(secondPass.get()).isEqualTo("after close");
    }

    @Test
    void shouldStopWaitingForAPassPastThePassTimeoutAndReportItHungUntilItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMillis(300))) {
            InferenceWorker worker = workers.forCurrentThread();
            worker.start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            Throwable gaveUp = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowable(worker::awaitIdle));
            assertThat(gaveUp).isInstanceOf(StreamsException.class).hasMessageContaining("pass timeout of 300 ms");
            assertThat(workers.hungPass()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("stream thread " + Thread.currentThread().getName(), "over the pass timeout of 300 ms"));

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.hungPass().isEmpty());
            assertThat(worker.call(() -> "next")).isEqualTo("next");
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldTellHowLongTheRunningPassHasRunAndNothingOnceItEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            InferenceWorker worker = workers.forCurrentThread();
            assertThat(workers.longestRunning()).isEmpty();
            worker.start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> workers.longestRunning()
                    .filter(busy -> busy.compareTo(Duration.ofMillis(200)) >= 0).isPresent());
            release.countDown();
            worker.awaitIdle();
            assertThat(workers.longestRunning()).isEmpty();
        } finally {
            release.countDown();
        }
    }

    @Test
    void shouldNotReportAPassWithinThePassTimeout() {
        try (InferenceWorkers workers = InferenceWorkers.dedicated(Duration.ofMinutes(1))) {
            InferenceWorker worker = workers.forCurrentThread();
            worker.start(() -> { });
            worker.awaitIdle();
            assertThat(workers.hungPass()).isEmpty();
        }
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

package io.denoiser.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * One stream thread's inference thread. At most one pass runs while the stream thread fills the next
 * batch: starting a pass first waits for the previous one, which bounds memory and applies back-pressure
 * to the stream thread when the model is the bottleneck. The stream thread waits at most the pass timeout:
 * a pass that hangs (a native call that never returns) fails the stream thread instead of stalling it
 * unseen, and the liveness probe sees the hung pass through {@link #busyFor()}.
 */
final class InferenceWorker {

    private static final long IDLE = Long.MIN_VALUE;

    private final Executor executor;
    private final Duration timeout;
    private Future<?> running = CompletableFuture.completedFuture(null);
    /** When the work now on the worker thread began, or {@link #IDLE}; read by the liveness probe's thread. */
    private volatile long busySinceNanos = IDLE;

    private InferenceWorker(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Work on {@code executor}, each wait for it bounded by {@code timeout}. */
    static InferenceWorker on(Executor executor, Duration timeout) {
        return new InferenceWorker(executor, timeout);
    }

    /** Work on the calling thread: done before its future exists, so no wait needs a bound. */
    static InferenceWorker inline() {
        return new InferenceWorker(Runnable::run, Duration.ZERO);
    }

    /** Starts {@code pass} once the previous pass has finished; returns without waiting for it. */
    void start(Runnable pass) {
        awaitIdle();
        running = CompletableFuture.runAsync(() -> timed(() -> {
            pass.run();
            return null;
        }), executor);
    }

    /** Runs {@code work} on the worker thread and waits for its result: for work on the thread's model copies. */
    <T> T call(Supplier<T> work) {
        awaitIdle();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> timed(work), executor);
        running = result;
        return await(result);
    }

    /** Waits for the pass or call last started to finish. */
    void awaitIdle() {
        await(running);
    }

    /** How long the work now running has run, if any runs. */
    Optional<Duration> busyFor() {
        long since = busySinceNanos;
        return since == IDLE ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    private <T> T timed(Supplier<T> work) {
        busySinceNanos = System.nanoTime();
        try {
            return work.get();
        } finally {
            busySinceNanos = IDLE;
        }
    }

    private <T> T await(Future<T> future) {
        try {
            return future.isDone() ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for a forward pass", e);
        } catch (ExecutionException e) {
            throw new StreamsException("forward pass failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StreamsException("a forward pass is still running after the pass timeout of "
                    + timeout.toMillis() + " ms (--pass-timeout-ms); the stream thread stops waiting for it", e);
        }
    }
}

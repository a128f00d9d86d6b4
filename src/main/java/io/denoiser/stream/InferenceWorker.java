package io.denoiser.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * One stream thread's inference thread. At most one pass runs while the stream thread fills the next
 * batch: starting a pass first waits for the previous one, which bounds memory and applies back-pressure
 * to the stream thread when the model is the bottleneck.
 */
final class InferenceWorker {

    private final Executor executor;
    private Future<?> running = CompletableFuture.completedFuture(null);

    private InferenceWorker(Executor executor) {
        this.executor = executor;
    }

    static InferenceWorker on(Executor executor) {
        return new InferenceWorker(executor);
    }

    static InferenceWorker inline() {
        return new InferenceWorker(Runnable::run);
    }

    /** Starts {@code pass} once the previous pass has finished; returns without waiting for it. */
    void start(Runnable pass) {
        awaitIdle();
        running = CompletableFuture.runAsync(pass, executor);
    }

    /** Runs {@code work} on the worker thread and waits for its result: for work on the thread's model copies. */
    <T> T call(Supplier<T> work) {
        awaitIdle();
        CompletableFuture<T> result = CompletableFuture.supplyAsync(work, executor);
        running = result;
        return await(result);
    }

    /** Waits for the pass or call last started to finish. */
    void awaitIdle() {
        await(running);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for a forward pass", e);
        } catch (ExecutionException e) {
            throw new StreamsException("forward pass failed", e.getCause());
        }
    }
}

package io.denoiser.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where forward passes run. In production every stream thread gets one worker thread that owns the stream
 * thread's model copies: while a batch computes, the stream thread goes on polling, buffering, forwarding
 * and committing, which costs it nothing under exactly-once because every record is in the changelogged
 * buffer until its results are forwarded. Unit tests under {@code TopologyTestDriver} run passes on the
 * calling thread instead, so that outputs follow inputs deterministically.
 */
public final class InferenceWorkers implements AutoCloseable {

    private final boolean dedicated;
    /** Each stream thread's worker, by stream thread. */
    private final Map<Thread, ExecutorService> executors = new ConcurrentHashMap<>();
    private final ThreadLocal<InferenceWorker> perStreamThread = ThreadLocal.withInitial(this::newWorker);

    private InferenceWorkers(boolean dedicated) {
        this.dedicated = dedicated;
    }

    /** One worker thread per stream thread, shared by every pipeline that thread serves. */
    public static InferenceWorkers dedicated() {
        return new InferenceWorkers(true);
    }

    /** Passes run on the stream thread that starts them. */
    public static InferenceWorkers callingThread() {
        return new InferenceWorkers(false);
    }

    /** The calling stream thread's worker. */
    InferenceWorker forCurrentThread() {
        return perStreamThread.get();
    }

    private InferenceWorker newWorker() {
        if (!dedicated) {
            return InferenceWorker.inline();
        }
        stopOrphans();
        Thread streamThread = Thread.currentThread();
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "inference-" + streamThread.getName());
            thread.setDaemon(true);
            return thread;
        });
        executors.put(streamThread, executor);
        return InferenceWorker.on(executor);
    }

    /**
     * Stops the workers of stream threads that have ended: Kafka Streams replaces a failed stream thread with
     * a new one, which gets a new worker, and the old worker with its model copies would otherwise live on.
     */
    private void stopOrphans() {
        executors.entrySet().removeIf(entry -> {
            if (entry.getKey().isAlive()) {
                return false;
            }
            entry.getValue().shutdown();
            return true;
        });
    }

    /** Stops the worker threads once the stream threads that fed them have stopped. */
    @Override
    public void close() {
        executors.values().forEach(ExecutorService::shutdown);
        for (ExecutorService executor : executors.values()) {
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package io.denoiser.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where forward passes run. In production every stream thread gets one worker thread that owns the stream
 * thread's model copies: while a batch computes, the stream thread goes on polling, buffering, forwarding
 * and committing, which costs it nothing under exactly-once because every record is in the changelogged
 * buffer until its results are forwarded. Unit tests under {@code TopologyTestDriver} run passes on the
 * calling thread instead, so that outputs follow inputs deterministically, and may give passes a
 * {@link ForwardPass} that fails on purpose.
 */
public final class InferenceWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceWorkers.class);

    private final boolean dedicated;
    private final ForwardPass pass;
    private final Duration passTimeout;
    /** Each stream thread's worker, by stream thread. */
    private final Map<Thread, ExecutorService> executors = new ConcurrentHashMap<>();
    /**
     * Every dedicated worker with its stream thread, kept after that thread ends until the worker is idle:
     * a pass that hung is why a stream thread fails, and it must stay visible to the liveness probe.
     */
    private final Map<InferenceWorker, Thread> watched = new ConcurrentHashMap<>();
    private final ThreadLocal<InferenceWorker> perStreamThread = ThreadLocal.withInitial(this::newWorker);
    /** Run by each worker thread as it ends: the model copies it owns live in that thread. */
    private volatile Runnable onWorkerEnd = () -> { };

    private InferenceWorkers(boolean dedicated, ForwardPass pass, Duration passTimeout) {
        this.dedicated = dedicated;
        this.pass = pass;
        this.passTimeout = passTimeout;
    }

    /**
     * One worker thread per stream thread, shared by every pipeline that thread serves; a stream thread waits
     * at most {@code passTimeout} for a pass (or a model copy's warm-up) before it fails.
     */
    public static InferenceWorkers dedicated(Duration passTimeout) {
        return dedicated(ForwardPass.MODEL, passTimeout);
    }

    /** Dedicated workers whose passes {@code pass} runs: for tests of failing or stalled passes on a real broker. */
    static InferenceWorkers dedicated(ForwardPass pass, Duration passTimeout) {
        return new InferenceWorkers(true, pass, passTimeout);
    }

    /** Passes run on the stream thread that starts them. */
    public static InferenceWorkers callingThread() {
        return callingThread(ForwardPass.MODEL);
    }

    /** Passes {@code pass} runs, on the stream thread that starts them: for tests of failing passes. */
    static InferenceWorkers callingThread(ForwardPass pass) {
        return new InferenceWorkers(false, pass, Duration.ZERO);
    }

    /** What a pass runs. */
    ForwardPass pass() {
        return pass;
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
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    onWorkerEnd.run();
                }
            }, "inference-" + streamThread.getName());
            thread.setDaemon(true);
            return thread;
        });
        executors.put(streamThread, executor);
        InferenceWorker worker = InferenceWorker.on(executor, passTimeout);
        watched.put(worker, streamThread);
        return worker;
    }

    /**
     * Why the process is no longer alive, if a pass has run longer than the pass timeout: its stream thread
     * has given up on it, but a hung native call cannot be stopped, and only a restart frees its thread.
     */
    public Optional<String> hungPass() {
        watched.entrySet().removeIf(entry -> !entry.getValue().isAlive() && entry.getKey().busyFor().isEmpty());
        return watched.entrySet().stream()
                .filter(entry -> entry.getKey().busyFor().filter(busy -> busy.compareTo(passTimeout) > 0).isPresent())
                .findFirst()
                .map(entry -> "a forward pass of stream thread " + entry.getValue().getName() + " has run for "
                        + entry.getKey().busyFor().map(Duration::toMillis).orElse(0L) + " ms, over the pass timeout of "
                        + passTimeout.toMillis() + " ms");
    }

    /** How long the longest pass (or call) now running on a dedicated worker has run, if any runs. */
    public Optional<Duration> longestRunning() {
        return watched.keySet().stream().flatMap(worker -> worker.busyFor().stream()).max(Duration::compareTo);
    }

    /** Has each dedicated worker thread run {@code hook} as it ends, after its last pass. */
    public void whenAWorkerEnds(Runnable hook) {
        this.onWorkerEnd = hook;
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

    /**
     * Stops the workers of stream threads that have ended. A stream thread still running (a close of the
     * streams client that timed out) keeps its worker, a daemon thread that ends with the process: shutting
     * it down would make that thread's next pass fail and send its records down the processing-error path.
     */
    @Override
    public void close() {
        List<ExecutorService> stopping = new ArrayList<>();
        executors.forEach((streamThread, executor) -> {
            if (streamThread.isAlive()) {
                LOG.warn("stream thread {} is still running; its inference thread is left to serve it",
                        streamThread.getName());
            } else {
                executor.shutdown();
                stopping.add(executor);
            }
        });
        for (ExecutorService executor : stopping) {
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

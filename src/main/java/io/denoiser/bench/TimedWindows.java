package io.denoiser.bench;

import io.denoiser.model.NativeRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Work measured on long-lived threads, one native thread each: every thread sets up its own work on itself
 * (OpenMP's thread count, DL4J's workspaces and an ONNX Runtime session's threads all belong to the thread
 * that builds or first runs them), runs it untimed for a warm-up, then all threads run it together through
 * several timed windows.
 */
final class TimedWindows {

    /** One thread's work: a call does {@code units} units (records, flops); closed when the thread is done. */
    interface Work extends AutoCloseable {

        void run();

        @Override
        void close();
    }

    private TimedWindows() {
    }

    /** Units per second of all threads together in each timed window. */
    static double[] measure(int threads, IntFunction<Work> setUp, long units, double warmupSeconds, int windows,
                            double windowSeconds) throws InterruptedException {
        Phaser phases = new Phaser(threads + 1);
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                NativeRuntime.limitNativeThreads(1);
                try (Work work = setUp.apply(index)) {
                    run(work, units, warmupSeconds, new AtomicLong());
                    for (int w = 0; w < windows && phases.arriveAndAwaitAdvance() >= 0; w++) {
                        run(work, units, windowSeconds, done);
                        phases.arriveAndAwaitAdvance();
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    // every thread waiting, or about to wait, for this one is let go at once
                    phases.forceTermination();
                }
            }, "bench-" + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            done.set(0);
            await(phases, failure);
            long begin = System.nanoTime();
            await(phases, failure);
            rates[w] = done.get() / ((System.nanoTime() - begin) / 1e9);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark thread failed: " + failure.get(), failure.get());
        }
        return rates;
    }

    private static void run(Work work, long units, double seconds, AtomicLong done) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            work.run();
            done.addAndGet(units);
        } while (System.nanoTime() < deadline);
    }

    /** Waits for every thread; if one failed, its failure is thrown here. */
    private static void await(Phaser phases, AtomicReference<Throwable> failure) {
        if (phases.arriveAndAwaitAdvance() < 0) {
            throw new IllegalStateException("benchmark thread failed: " + failure.get(), failure.get());
        }
    }
}

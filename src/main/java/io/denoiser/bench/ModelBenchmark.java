package io.denoiser.bench;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.NativeRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forward-pass throughput of a model: {@code threads} long-lived threads, each with its own copy of the
 * network (as stream threads have), run batches of {@code batch} random images; after a warm-up, several
 * timed windows are measured. Threads live across all windows because DL4J's workspaces are per thread
 * and a new thread pays to size them again. This is the same {@link DenoisingModel#reconstruct} call the
 * stream makes; for a tiled image model given an image shape, whole images of that shape, cut into tiles and
 * stitched back as the stream does it.
 */
public final class ModelBenchmark {

    private final ModelRecord model;
    private final int batch;
    private final int threads;
    private final boolean layerHelpers;
    private final Optional<int[]> imageShape;

    /**
     * @param layerHelpers false measures the baseline: the same model with DL4J's oneDNN layer helpers off,
     *                     i.e. DL4J's out-of-the-box im2col convolutions
     */
    public ModelBenchmark(ModelRecord model, int batch, int threads, boolean layerHelpers) {
        this(model, batch, threads, layerHelpers, Optional.empty());
    }

    /** @param imageShape for a tiled image model: the [H, W] or [C, H, W] of the images; empty = the model's input shape */
    public ModelBenchmark(ModelRecord model, int batch, int threads, boolean layerHelpers, Optional<int[]> imageShape) {
        if (imageShape.isPresent() && Architecture.fromId(model.metadata().architecture()).tiling().isEmpty()) {
            throw new IllegalArgumentException(model.name() + " takes records of one fixed shape, not images of any size");
        }
        this.model = model;
        this.batch = batch;
        this.threads = threads;
        this.layerHelpers = layerHelpers;
        this.imageShape = imageShape.map(int[]::clone);
    }

    /** Records per second in each timed window, after {@code warmupSeconds} of untimed work. */
    public double[] measure(double warmupSeconds, int windows, double windowSeconds) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(threads + 1);
        AtomicLong records = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            DenoisingModel copy = layerHelpers ? DenoisingModel.load(model)
                    : NativeRuntime.withoutLayerHelpers(() -> DenoisingModel.load(model));
            int[] shape = imageShape.orElse(copy.shape().input());
            float[][] inputs = randomImages(Arrays.stream(shape).reduce(1, Math::multiplyExact), t);
            int[][] shapes = new int[batch][];
            Arrays.fill(shapes, shape);
            Runnable pass = imageShape.isPresent() ? () -> copy.reconstruct(inputs, shapes) : () -> copy.reconstruct(inputs);
            Thread worker = new Thread(() -> {
                // OpenMP thread counts are per calling thread: each worker must limit its own.
                NativeRuntime.limitNativeThreads(1);
                run(pass, batch, warmupSeconds, new AtomicLong());
                for (int w = 0; w < windows; w++) {
                    await(barrier);
                    run(pass, batch, windowSeconds, records);
                    await(barrier);
                }
            }, "bench-" + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            records.set(0);
            await(barrier);
            long begin = System.nanoTime();
            await(barrier);
            rates[w] = records.get() / ((System.nanoTime() - begin) / 1e9);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return rates;
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void run(Runnable pass, int count, double seconds, AtomicLong records) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            pass.run();
            records.addAndGet(count);
        } while (System.nanoTime() < deadline);
    }

    private float[][] randomImages(int size, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[batch][size];
        for (float[] image : images) {
            for (int i = 0; i < size; i++) {
                image[i] = random.nextFloat();
            }
        }
        return images;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("benchmark thread interrupted", e);
        }
    }
}

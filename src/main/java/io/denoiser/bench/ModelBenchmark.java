package io.denoiser.bench;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

/**
 * Forward-pass throughput of a model on one engine: {@code threads} long-lived threads, each with its own copy
 * of the model (as stream threads have), run batches of {@code batch} random images; after a warm-up, several
 * timed windows are measured ({@link TimedWindows}). This is the same {@link DenoisingModel#reconstruct} call
 * the stream makes; for a tiled image model given an image shape, whole images of that shape, cut into tiles
 * and stitched back as the stream does it.
 */
public final class ModelBenchmark {

    private final ModelRecord model;
    private final int batch;
    private final int threads;
    private final BenchedEngine engine;
    private final Optional<int[]> imageShape;

    public ModelBenchmark(ModelRecord model, int batch, int threads, BenchedEngine engine) {
        this(model, batch, threads, engine, Optional.empty());
    }

    /** @param imageShape for a tiled image model: the [H, W] or [C, H, W] of the images; empty = the model's input shape */
    public ModelBenchmark(ModelRecord model, int batch, int threads, BenchedEngine engine, Optional<int[]> imageShape) {
        if (imageShape.isPresent() && Architecture.fromId(model.metadata().architecture()).tiling().isEmpty()) {
            throw new IllegalArgumentException(model.name() + " takes records of one fixed shape, not images of any size");
        }
        this.model = model;
        this.batch = batch;
        this.threads = threads;
        this.engine = engine;
        this.imageShape = imageShape.map(int[]::clone);
    }

    /** Records per second in each timed window, after {@code warmupSeconds} of untimed work. */
    public double[] measure(double warmupSeconds, int windows, double windowSeconds) throws InterruptedException {
        return TimedWindows.measure(threads, this::copy, batch, warmupSeconds, windows, windowSeconds);
    }

    /** One thread's copy of the model and its batch of random inputs, seeded by the thread. */
    private TimedWindows.Work copy(int thread) {
        DenoisingModel copy = engine.load(model);
        int[] shape = imageShape.orElse(copy.shape().input());
        float[][] inputs = randomImages(Arrays.stream(shape).reduce(1, Math::multiplyExact), thread);
        int[][] shapes = new int[batch][];
        Arrays.fill(shapes, shape);
        boolean wholeImages = imageShape.isPresent();
        return new TimedWindows.Work() {
            @Override
            public void run() {
                if (wholeImages) {
                    copy.reconstruct(inputs, shapes);
                } else {
                    copy.reconstruct(inputs);
                }
            }

            @Override
            public void close() {
                copy.close();
            }
        };
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
}

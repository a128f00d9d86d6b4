package io.denoiser.train;

import io.denoiser.data.CsvSeries;
import io.denoiser.data.BundledPhotos;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.GaussianNoiseRange;
import io.denoiser.data.ImageFiles;
import io.denoiser.data.MnistDataset;
import io.denoiser.data.Noise;
import io.denoiser.data.PhotoPatches;
import io.denoiser.data.SequenceDataset;
import io.denoiser.data.SequenceNoise;
import io.denoiser.data.SyntheticSensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A data set to train and evaluate a denoiser on: clean training records, clean held-out records (with
 * labels where they exist), the record shape, and the noise model that corrupts them.
 *
 * @param noise        builds the seeded noise model
 * @param description  data set and noise settings, recorded in the model's metadata
 */
public record TrainingData(String name, float[][] training, float[][] heldOut, int[] heldOutLabels, int[] recordShape,
                           LongFunction<Noise> noise, Map<String, Object> description) {

    private static final int SENSOR_WINDOWS = 10_000;
    private static final int HELD_OUT = MnistDataset.TEST_SIZE;

    /**
     * Data sets by name: {@code mnist}, {@code mnist-rows}, {@code sensors} or {@code csv:FILE}. Sensor and CSV
     * windows are {@code windowLength} steps long; {@code stride} applies to CSV files only.
     */
    public static TrainingData named(String name, double gaussianLevel, int windowLength, int stride) throws IOException {
        return named(name, gaussianLevel, windowLength, stride, PhotoSettings.defaults());
    }

    /** As {@link #named(String, double, int, int)}, with {@code photos} and {@code images:DIR} made of {@code photos} patches. */
    public static TrainingData named(String name, double gaussianLevel, int windowLength, int stride,
                                     PhotoSettings photos) throws IOException {
        if (name.startsWith("csv:")) {
            return csv(Path.of(name.substring(4)), windowLength, stride);
        }
        if (name.startsWith("images:")) {
            Path directory = Path.of(name.substring(7));
            return photos("images:" + directory.getFileName(), ImageFiles.readDirectory(directory), photos);
        }
        return switch (name) {
            case "photos" -> photos("photos", BundledPhotos.training(), photos);
            case "mnist" -> mnistImages(gaussianLevel);
            case "mnist-rows" -> mnist(gaussianLevel, new int[] {28, 28}, "mnist-rows");
            case "sensors" -> sequences("sensors", SyntheticSensors.generate(SENSOR_WINDOWS, windowLength,
                    SyntheticSensors.DEFAULT_FEATURES, 2026), Map.of());
            default -> throw new IllegalArgumentException("unknown data set '" + name
                    + "' (mnist, mnist-rows, sensors, photos, csv:FILE, images:DIR)");
        };
    }

    /** The bundled digits as 28x28 images with Gaussian noise of {@code level}. */
    public static TrainingData mnistImages(double level) {
        return mnist(level, new int[] {1, 28, 28}, "mnist");
    }

    /** The bundled digits, as images or read row by row as 28-step sequences; Gaussian noise. */
    static TrainingData mnist(double level, int[] shape, String name) {
        MnistDataset digits = MnistDataset.bundled();
        MnistDataset test = digits.testSplit();
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.label(i);
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("dataset", name + ": bundled MNIST, training split (first 8000), held out (last 2000)");
        description.put("noise", Map.of("kind", "gaussian", "level", level, "clip", List.of(0, 1)));
        return new TrainingData(name, digits.trainingSplit().images(), test.images(), labels, shape,
                seed -> new GaussianNoise(level, seed), description);
    }

    /**
     * Square patches of photographs of any size: random ones (flipped and rotated) to train on, and the fixed
     * patches of a strip of every photo kept apart to judge epochs; Gaussian noise of a random level per patch.
     */
    static TrainingData photos(String name, List<ImageFiles.Photo> images, PhotoSettings settings) {
        int size = settings.patchSize();
        float[][] validation = PhotoPatches.validation(images, size);
        if (validation.length == 0) {
            throw new IllegalArgumentException(name + ": no photo is large enough for a " + size + "x" + size
                    + " validation patch in its bottom strip");
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("dataset", name + ": " + images.size() + " photos, " + settings.patches() + " random "
                + size + "x" + size + " patches (flips, rotations), " + validation.length + " held-out patches");
        description.put("photos", images.stream().map(ImageFiles.Photo::name).toList());
        description.put("noise", Map.of("kind", "gaussian", "level", List.of(0, settings.maxLevel()),
                "level_exponent", settings.levelExponent(), "clip", List.of(0, 1)));
        return new TrainingData(name, PhotoPatches.training(images, size, settings.patches(), 2026), validation, null,
                new int[] {1, size, size},
                seed -> new GaussianNoiseRange(0, settings.maxLevel(), settings.levelExponent(), seed), description);
    }

    /** User time series from a CSV file, windowed and normalized per feature; the last 20% is held out. */
    static TrainingData csv(Path file, int length, int stride) throws IOException {
        SequenceDataset windows = new CsvSeries(length, stride).load(file);
        return sequences("csv:" + file.getFileName(), windows, Map.of("normalization", windows.normalization().toMap()));
    }

    private static TrainingData sequences(String name, SequenceDataset windows, Map<String, Object> extra) {
        int heldOut = Math.min(HELD_OUT, windows.size() / 5);
        int features = windows.features();
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("dataset", name + ": " + windows.size() + " windows of " + windows.steps() + " steps x "
                + features + " features, last " + heldOut + " held out");
        description.put("noise", Map.of("kind", "sensor", "sigma", SequenceNoise.DEFAULT_SIGMA,
                "spike_probability", SequenceNoise.DEFAULT_SPIKE_PROBABILITY,
                "drop_probability", SequenceNoise.DEFAULT_DROP_PROBABILITY));
        description.putAll(extra);
        return new TrainingData(name, windows.slice(0, windows.size() - heldOut).windows(),
                windows.slice(windows.size() - heldOut, windows.size()).windows(), null,
                new int[] {windows.steps(), features},
                seed -> {
                    SequenceNoise noise = SequenceNoise.defaults(seed);
                    return window -> noise.apply(window, features);
                }, description);
    }
}

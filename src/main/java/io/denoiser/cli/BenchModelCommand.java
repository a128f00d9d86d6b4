package io.denoiser.cli;

import io.denoiser.bench.ModelBenchmark;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench model}: forward-pass throughput, with DL4J's out-of-the-box path as the baseline. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Forward-pass throughput of a model (median of timed windows after warm-up); for a photo model, "
                + "whole images of --image-size, tiling included, in images/s and megapixels/s.")
public final class BenchModelCommand implements Callable<Integer> {

    private static final int RECORD_BATCH = 128;
    /** Whole photos per call: one 512x512 photo is already 4 tiles of the photo design. */
    private static final int IMAGE_BATCH = 4;
    private static final String IMAGE_SIZE = "512x512";

    @Option(names = "--model", defaultValue = "cnn-seed", description = "Shipped model name (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-file", description = "Benchmark this model file instead of a shipped model.")
    Path modelFile;

    @Option(names = "--batch", description = "Records per forward pass, or images per call for a photo model "
            + "(default: " + RECORD_BATCH + ", " + IMAGE_BATCH + " images for a photo model).")
    Integer batch;

    @Option(names = "--image-size", description = "Photo models: HxW of the grayscale images denoised (default: "
            + IMAGE_SIZE + ").")
    String imageSize;

    @Option(names = "--threads", defaultValue = "1",
            description = "Model copies run in parallel, one native thread each (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--windows", defaultValue = "7", description = "Timed windows (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--window-seconds", defaultValue = "2", description = "Length of each window (default: ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the same model with DL4J's layer helpers off; never for a photo model, whose "
                    + "slow path would take minutes to time (default: ${DEFAULT-VALUE}).")
    boolean baseline;

    @Option(names = "--report", description = "Write the figures as JSON to this file.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.limitNativeThreads(1);
        NativeRuntime.warnIfSlow();
        ModelRecord model = modelFile != null ? ModelFiles.read(modelFile) : ShippedModels.load(modelName);
        Map<String, Object> figures = Architecture.fromId(model.metadata().architecture()).tiling().isPresent()
                ? benchImages(model) : benchRecords(model);
        if (report != null) {
            JsonReports.write(report, figures);
        }
        return 0;
    }

    private Map<String, Object> benchRecords(ModelRecord model) throws InterruptedException {
        if (imageSize != null) {
            throw new IllegalArgumentException("--image-size is for photo models; " + model.name() + " takes one fixed shape");
        }
        int records = batch != null ? batch : RECORD_BATCH;
        double rate = ModelBenchmark.median(new ModelBenchmark(model, records, threads, true).measure(2, windows, windowSeconds));
        Map<String, Object> figures = common(model, records);
        figures.put("records_per_s", round(rate, 1));
        figures.put("onednn", NativeRuntime.fastPathActive());
        String baselineText = "";
        if (baseline) {
            double slow = ModelBenchmark.median(new ModelBenchmark(model, records, threads, false).measure(1, 3, windowSeconds));
            figures.put("baseline_records_per_s", round(slow, 1));
            figures.put("speedup", round(rate / slow, 1));
            baselineText = String.format(Locale.ROOT, "  (baseline without oneDNN helpers: %.0f records/s, %.1fx)",
                    slow, rate / slow);
        }
        out().printf(Locale.ROOT, "model %s  batch %d  threads %d  %.0f records/s%s%n", model.name(), records, threads,
                rate, baselineText);
        return figures;
    }

    /** Whole images of --image-size through the tiled inference: images/s and megapixels/s. */
    private Map<String, Object> benchImages(ModelRecord model) throws InterruptedException {
        int[] size = parseSize(imageSize != null ? imageSize : IMAGE_SIZE);
        int images = batch != null ? batch : IMAGE_BATCH;
        double rate = ModelBenchmark.median(new ModelBenchmark(model, images, threads, true, Optional.of(size))
                .measure(2, windows, windowSeconds));
        double megapixels = rate * size[0] * size[1] / 1e6;
        Map<String, Object> figures = common(model, images);
        figures.put("image_height", size[0]);
        figures.put("image_width", size[1]);
        figures.put("records_per_s", round(rate, 2));
        figures.put("megapixels_per_s", round(megapixels, 3));
        figures.put("onednn", NativeRuntime.fastPathActive());
        figures.put("baseline", "skipped: the slow path is about 8x slower on whole photos and would take minutes to time");
        out().printf(Locale.ROOT, "model %s  image %dx%d  batch %d  threads %d  %.2f images/s  %.3f megapixels/s  "
                        + "(baseline without oneDNN helpers skipped for a photo model: minutes to time)%n",
                model.name(), size[0], size[1], images, threads, rate, megapixels);
        return figures;
    }

    private Map<String, Object> common(ModelRecord model, int batchSize) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", model.name());
        figures.put("batch", batchSize);
        figures.put("threads", threads);
        return figures;
    }

    /** {@code HxW}, e.g. 512x512, as the shape [H, W] of a grayscale image. */
    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int height = Integer.parseInt(parts[0].trim());
                int width = Integer.parseInt(parts[1].trim());
                if (height > 0 && width > 0) {
                    return new int[] {height, width};
                }
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new IllegalArgumentException("--image-size must be HxW, e.g. 512x512, not '" + text + "'");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}

package io.denoiser.cli;

import io.denoiser.bench.BenchedEngine;
import io.denoiser.bench.ModelBenchmark;
import io.denoiser.bench.SgemmPeak;
import io.denoiser.model.Architecture;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.NativeRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench model}: forward-pass throughput on ONNX Runtime, DL4J or both in one run, each as GFLOP/s and
 * as a share of the float32 matrix-product peak measured on the same threads.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Forward-pass throughput of a model (median of timed windows after warm-up) on each engine, in "
                + "records/s and GFLOP/s against the sgemm peak of the same threads; for a photo model, whole images "
                + "of --image-size, tiling included, in images/s and megapixels/s.")
public final class BenchModelCommand implements Callable<Integer> {

    private static final int RECORD_BATCH = 128;
    /** Whole photos per call: one 512x512 photo is already 4 tiles of the photo design. */
    private static final int IMAGE_BATCH = 4;
    private static final String IMAGE_SIZE = "512x512";
    private static final String BOTH = "both";

    @Mixin
    ModelChoiceOptions modelChoice;

    @Option(names = "--engine", defaultValue = BOTH,
            description = "onnxruntime, dl4j or both: both measures each on the same model, batch and threads and "
                    + "prints their ratio (default: ${DEFAULT-VALUE}).")
    String engine;

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
            description = "With --engine dl4j, also measure DL4J with its oneDNN layer helpers off; never for a photo "
                    + "model, whose slow path would take minutes to time (default: ${DEFAULT-VALUE}).")
    boolean baseline;

    @Option(names = "--report", description = "Write the figures as JSON to this file.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.limitNativeThreads(1);
        NativeRuntime.warnIfSlow();
        ModelRecord model = modelChoice.load();
        List<InferenceEngineKind> engines = engines();
        BenchWorkload workload = workload(model);
        Map<String, Object> figures = workload.figures(threads);
        double peak = SgemmPeak.gflops(threads, 3, windowSeconds);
        figures.put("onednn", NativeRuntime.fastPathActive());
        figures.put("sgemm_peak_gflops", round(peak, 1));
        out().printf(Locale.ROOT, "sgemm peak  %dx%d float32  threads %d  %.1f GFLOP/s%n", SgemmPeak.SIZE, SgemmPeak.SIZE,
                threads, peak);
        Map<String, Object> byEngine = new LinkedHashMap<>();
        Map<InferenceEngineKind, Double> rates = new LinkedHashMap<>();
        for (InferenceEngineKind kind : engines) {
            double rate = measure(model, workload, BenchedEngine.of(kind), 2, windows);
            rates.put(kind, rate);
            byEngine.put(kind.id(), workload.engineFigures(rate, peak));
            out().println(workload.line(kind.id(), threads, rate, peak));
        }
        figures.put("engines", byEngine);
        if (rates.size() == 2) {
            double ratio = rates.get(InferenceEngineKind.ONNXRUNTIME) / rates.get(InferenceEngineKind.DL4J);
            figures.put("onnxruntime_vs_dl4j", round(ratio, 2));
            out().printf(Locale.ROOT, "onnxruntime/dl4j  %.2fx%n", ratio);
        }
        if (engines.equals(List.of(InferenceEngineKind.DL4J)) && baseline && workload.imageShape().isEmpty()) {
            double slow = measure(model, workload, BenchedEngine.DL4J_WITHOUT_HELPERS, 1, 3);
            figures.put("baseline_records_per_s", round(slow, 1));
            figures.put("speedup", round(rates.get(InferenceEngineKind.DL4J) / slow, 1));
            out().printf(Locale.ROOT, "baseline (%s)  %.0f records/s  dl4j %.1fx%n",
                    BenchedEngine.DL4J_WITHOUT_HELPERS.label(), slow, rates.get(InferenceEngineKind.DL4J) / slow);
        }
        if (report != null) {
            JsonReports.write(report, figures);
        }
        return 0;
    }

    private List<InferenceEngineKind> engines() {
        return engine.trim().equalsIgnoreCase(BOTH) ? List.of(InferenceEngineKind.ONNXRUNTIME, InferenceEngineKind.DL4J)
                : List.of(InferenceEngineKind.parse(engine));
    }

    /** The records or whole images measured, and the multiply-adds each costs. */
    private BenchWorkload workload(ModelRecord model) {
        Architecture architecture = Architecture.fromId(model.metadata().architecture());
        long tileMultiplyAdds = architecture.multiplyAdds(model.metadata().shape());
        if (architecture.tiling().isEmpty()) {
            if (imageSize != null) {
                throw new IllegalArgumentException("--image-size is for photo models; " + model.name() + " takes one fixed shape");
            }
            return new BenchWorkload(model.name(), batch != null ? batch : RECORD_BATCH, Optional.empty(), tileMultiplyAdds);
        }
        int[] size = parseSize(imageSize != null ? imageSize : IMAGE_SIZE);
        // a fully convolutional design costs the same per pixel: the image's pixels at the tile's cost per pixel
        long perImage = Math.round((double) tileMultiplyAdds * size[0] * size[1] / model.metadata().shape().inputSize());
        return new BenchWorkload(model.name(), batch != null ? batch : IMAGE_BATCH, Optional.of(size), perImage);
    }

    private double measure(ModelRecord model, BenchWorkload workload, BenchedEngine on, double warmupSeconds, int count)
            throws InterruptedException {
        return ModelBenchmark.median(new ModelBenchmark(model, workload.batch(), threads, on, workload.imageShape())
                .measure(warmupSeconds, count, windowSeconds));
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

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}

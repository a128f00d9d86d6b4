package io.denoiser.cli;

import io.denoiser.bench.ModelBenchmark;
import io.denoiser.model.ModelFiles;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.NativeRuntime;
import io.denoiser.model.ShippedModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench model}: forward-pass throughput, with DL4J's out-of-the-box path as the baseline. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Forward-pass throughput of a model (median of timed windows after warm-up).")
public final class BenchModelCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "cnn-seed", description = "Shipped model name (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-file", description = "Benchmark this model file instead of a shipped model.")
    Path modelFile;

    @Option(names = "--batch", defaultValue = "128", description = "Records per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "1",
            description = "Model copies run in parallel, one native thread each (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--windows", defaultValue = "7", description = "Timed windows (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--window-seconds", defaultValue = "2", description = "Length of each window (default: ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the same model with DL4J's layer helpers off (default: ${DEFAULT-VALUE}).")
    boolean baseline;

    @Option(names = "--report", description = "Write the figures as JSON to this file.")
    Path report;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.limitNativeThreads(1);
        NativeRuntime.warnIfSlow();
        ModelRecord model = modelFile != null ? ModelFiles.read(modelFile) : ShippedModels.load(modelName);
        double[] rates = new ModelBenchmark(model, batch, threads, true).measure(2, windows, windowSeconds);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", model.name());
        figures.put("batch", batch);
        figures.put("threads", threads);
        figures.put("records_per_s", round(ModelBenchmark.median(rates)));
        figures.put("onednn", NativeRuntime.fastPathActive());
        if (baseline) {
            double[] slow = new ModelBenchmark(model, batch, threads, false).measure(1, 3, windowSeconds);
            figures.put("baseline_records_per_s", round(ModelBenchmark.median(slow)));
            figures.put("speedup", round(ModelBenchmark.median(rates) / ModelBenchmark.median(slow)));
        }
        System.out.printf("model %s  batch %d  threads %d  %.0f records/s%s%n", model.name(), batch, threads,
                ModelBenchmark.median(rates), baseline ? String.format("  (baseline without oneDNN helpers: %.0f records/s, %.1fx)",
                        figures.get("baseline_records_per_s"), figures.get("speedup")) : "");
        if (report != null) {
            JsonReports.write(report, figures);
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

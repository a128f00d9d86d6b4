package io.denoiser.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bench model} runs through each engine, and how it reports one engine's rate.
 *
 * @param batch        records per pass, or whole images per call for a photo model
 * @param imageShape   a photo model's [H, W] images; empty for records of the model's own shape
 * @param multiplyAdds multiply-adds per record or image; an image's counts its pixels, not the tiles' overlap
 */
record BenchWorkload(String model, int batch, Optional<int[]> imageShape, long multiplyAdds) {

    Map<String, Object> figures(int threads) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("model", model);
        figures.put("batch", batch);
        figures.put("threads", threads);
        imageShape.ifPresent(size -> {
            figures.put("image_height", size[0]);
            figures.put("image_width", size[1]);
        });
        figures.put("multiply_adds_per_record", multiplyAdds);
        return figures;
    }

    /** GFLOP/s at {@code rate} records or images per second: two flops per multiply-add. */
    double gflops(double rate) {
        return 2.0 * multiplyAdds * rate / 1e9;
    }

    Map<String, Object> engineFigures(double rate, double peakGflops) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records_per_s", BenchModelCommand.round(rate, imageShape.isPresent() ? 2 : 1));
        imageShape.ifPresent(size -> figures.put("megapixels_per_s",
                BenchModelCommand.round(rate * size[0] * size[1] / 1e6, 3)));
        figures.put("gflops", BenchModelCommand.round(gflops(rate), 2));
        figures.put("sgemm_peak_share", BenchModelCommand.round(gflops(rate) / peakGflops, 4));
        return figures;
    }

    String line(String engine, int threads, double rate, double peakGflops) {
        String flops = String.format(Locale.ROOT, "%.1f GFLOP/s  %.1f%% of sgemm peak", gflops(rate),
                100 * gflops(rate) / peakGflops);
        if (imageShape.isEmpty()) {
            return String.format(Locale.ROOT, "model %s  engine %s  batch %d  threads %d  %.0f records/s  %s", model,
                    engine, batch, threads, rate, flops);
        }
        int[] size = imageShape.get();
        return String.format(Locale.ROOT, "model %s  engine %s  image %dx%d  batch %d  threads %d  %.2f images/s  "
                + "%.3f megapixels/s  %s", model, engine, size[0], size[1], batch, threads, rate,
                rate * size[0] * size[1] / 1e6, flops);
    }
}

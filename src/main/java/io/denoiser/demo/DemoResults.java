package io.denoiser.demo;

import io.denoiser.data.MnistDataset;
import io.denoiser.evaluate.NeighbourGrid;
import io.denoiser.quality.ImageGrid;
import io.denoiser.quality.ImageQuality;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Turns what the demo collected into its report and its pictures. */
final class DemoResults {

    private DemoResults() {
    }

    static DemoReport summarize(MnistDataset clean, float[][] noisy, OutputCollector outputs, double activeSeconds) {
        Map<Long, List<Double>> psnrByVersion = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        double noisySum = 0;
        for (int i = 0; i < noisy.length; i++) {
            noisySum += ImageQuality.psnr(clean.image(i), noisy[i]);
            OutputCollector.Denoised result = outputs.denoised().get(DigitProducer.key(i));
            if (result != null) {
                double psnr = ImageQuality.psnr(clean.image(i), result.image());
                all.add(psnr);
                psnrByVersion.computeIfAbsent(result.modelVersion(), v -> new ArrayList<>()).add(psnr);
            }
        }
        Map<Long, Double> meanByVersion = new TreeMap<>();
        Map<Long, Integer> countByVersion = new TreeMap<>();
        psnrByVersion.forEach((version, values) -> {
            meanByVersion.put(version, round(mean(values)));
            countByVersion.put(version, values.size());
        });
        return new DemoReport(noisy.length, outputs.denoisedRecords(), outputs.denoised().size(),
                outputs.latentRecords(), outputs.deadLetters(), round(noisySum / noisy.length), round(mean(all)),
                meanByVersion, countByVersion, List.copyOf(meanByVersion.keySet()),
                round(outputs.denoised().size() / activeSeconds));
    }

    /** Rows: noisy, denoised, clean, for the first {@code count} digits. */
    static void writeGrid(Path file, MnistDataset clean, float[][] noisy, OutputCollector outputs, int count)
            throws IOException {
        int n = Math.min(count, noisy.length);
        float[][] noisyRow = new float[n][];
        float[][] denoisedRow = new float[n][];
        float[][] cleanRow = new float[n][];
        for (int i = 0; i < n; i++) {
            noisyRow[i] = noisy[i];
            OutputCollector.Denoised result = outputs.denoised().get(DigitProducer.key(i));
            denoisedRow[i] = result == null ? new float[noisy[i].length] : result.image();
            cleanRow[i] = clean.image(i);
        }
        ImageGrid.writePng(file, List.of(noisyRow, denoisedRow, cleanRow), clean.rows(), clean.cols(), 3);
    }

    /**
     * What a similarity search over the latent topic returns: for the first {@code queries} digits in the
     * newest version's space, their denoised image and those of their nearest neighbours among every digit
     * of that space, whichever version wrote it (a trainer round stays in its parent's space).
     */
    static void writeNeighbours(Path file, MnistDataset clean, int digits, OutputCollector outputs, int queries)
            throws IOException {
        String newest = outputs.latents().values().stream().max(Comparator.comparingLong(
                OutputCollector.Latent::modelVersion)).map(OutputCollector.Latent::space)
                .orElseThrow(() -> new IllegalStateException("no latent vectors to search"));
        List<float[]> images = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < digits; i++) {
            OutputCollector.Latent latent = outputs.latents().get(DigitProducer.key(i));
            OutputCollector.Denoised image = outputs.denoised().get(DigitProducer.key(i));
            if (latent != null && image != null && latent.space().equals(newest)) {
                images.add(image.image());
                vectors.add(latent.vector());
            }
        }
        int[] rows = IntStream.range(0, Math.min(queries, images.size())).toArray();
        NeighbourGrid.writePng(file, images.toArray(float[][]::new), vectors.toArray(float[][]::new), rows,
                clean.rows(), clean.cols());
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

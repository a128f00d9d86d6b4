package io.denoiser.quality;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Denoising quality overall and per class: MSE, mean PSNR and, for images, mean SSIM of the noisy input,
 * the median baseline and the model against the clean rows. Serialises to JSON as is; {@link #render()}
 * gives the same figures as a plain-text table.
 *
 * @param perClass scores per label, empty when no labels were given
 */
public record QualityTable(
        @JsonProperty("overall") QualityScores overall,
        @JsonProperty("per_class") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        SortedMap<Integer, QualityScores> perClass) {

    private static final String ROW = "%-16s %6s %10s %9s %8s%n";

    public QualityTable {
        perClass = Collections.unmodifiableSortedMap(new TreeMap<>(perClass));
    }

    /**
     * @param labels a class per row for the per-class scores, or null for overall scores only
     */
    public static QualityTable forImages(float[][] clean, float[][] noisy, float[][] median, float[][] model,
            int[] labels, int rows, int cols) {
        return score(new Outputs(clean, noisy, median, model), labels, (reference, output) -> new SetQuality(
                meanMse(reference, output),
                ImageQuality.meanPsnr(reference, output),
                Ssim.meanSsim(reference, output, rows, cols)));
    }

    /** As {@link #forImages} for flattened sequences, without SSIM. */
    public static QualityTable forSequences(float[][] clean, float[][] noisy, float[][] median, float[][] model,
            int[] labels) {
        return score(new Outputs(clean, noisy, median, model), labels, (reference, output) -> new SetQuality(
                meanMse(reference, output), ImageQuality.meanPsnr(reference, output), null));
    }

    /** Columns set, n, MSE, PSNR dB, SSIM; the overall rows first, then each class's. */
    public String render() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, ROW, "set", "n", "MSE", "PSNR dB", "SSIM"));
        appendRows(table, "", overall);
        perClass.forEach((label, scores) -> appendRows(table, "class " + label + " ", scores));
        return table.toString();
    }

    private static void appendRows(StringBuilder table, String prefix, QualityScores scores) {
        appendRow(table, prefix + "noisy", scores.n(), scores.noisy());
        appendRow(table, prefix + "median", scores.n(), scores.median());
        appendRow(table, prefix + "model", scores.n(), scores.model());
    }

    private static void appendRow(StringBuilder table, String set, int n, SetQuality quality) {
        table.append(String.format(Locale.ROOT, ROW, set, n,
                String.format(Locale.ROOT, "%.6f", quality.mse()),
                String.format(Locale.ROOT, "%.2f", quality.psnrDb()),
                quality.ssim() == null ? "-" : String.format(Locale.ROOT, "%.4f", quality.ssim())));
    }

    private static QualityTable score(Outputs outputs, int[] labels,
            BiFunction<float[][], float[][], SetQuality> scorer) {
        outputs.requireSameSize(labels);
        QualityScores overall = outputs.score(scorer);
        SortedMap<Integer, QualityScores> perClass = new TreeMap<>();
        if (labels != null) {
            for (int label : IntStream.of(labels).distinct().toArray()) {
                int[] rows = IntStream.range(0, labels.length).filter(row -> labels[row] == label).toArray();
                perClass.put(label, outputs.select(rows).score(scorer));
            }
        }
        return new QualityTable(overall, perClass);
    }

    private static double meanMse(float[][] clean, float[][] other) {
        return IntStream.range(0, clean.length).mapToDouble(i -> ImageQuality.mse(clean[i], other[i])).average()
                .orElseThrow(() -> new IllegalArgumentException("no rows to score"));
    }

    /** The four row sets under comparison, aligned row by row. */
    private record Outputs(float[][] clean, float[][] noisy, float[][] median, float[][] model) {

        void requireSameSize(int[] labels) {
            int n = clean.length;
            if (n == 0 || noisy.length != n || median.length != n || model.length != n
                    || (labels != null && labels.length != n)) {
                throw new IllegalArgumentException("row sets differ in size or are empty: clean " + n
                        + ", noisy " + noisy.length + ", median " + median.length + ", model " + model.length
                        + (labels == null ? "" : ", labels " + labels.length));
            }
        }

        QualityScores score(BiFunction<float[][], float[][], SetQuality> scorer) {
            return new QualityScores(clean.length, scorer.apply(clean, noisy), scorer.apply(clean, median),
                    scorer.apply(clean, model));
        }

        Outputs select(int[] rows) {
            return new Outputs(pick(clean, rows), pick(noisy, rows), pick(median, rows), pick(model, rows));
        }

        private static float[][] pick(float[][] all, int[] rows) {
            return Arrays.stream(rows).mapToObj(row -> all[row]).toArray(float[][]::new);
        }
    }
}

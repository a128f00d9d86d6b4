package io.denoiser.evaluate;

import io.denoiser.model.ModelShape;
import io.denoiser.plot.LatentProjection;
import io.denoiser.plot.LossCurve;
import io.denoiser.plot.SequencePlot;
import io.denoiser.quality.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The pictures {@code evaluate} draws: noisy / denoised / clean side by side (an image grid, or line plots
 * of a few features for sequences), for images the nearest neighbours of a few digits by their latent
 * vectors, the latent vectors projected to 2-D by PCA and coloured by class, and the training curve
 * recorded in the model's metadata.
 */
public final class EvaluationPictures {

    private static final int SHOWN_IMAGES = 12;
    private static final int SHOWN_FEATURES = 3;
    private static final int NEIGHBOUR_QUERIES = 6;

    private EvaluationPictures() {
    }

    /** Writes the pictures into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, ModelEvaluation.Outcome outcome) throws IOException {
        List<Path> files = new ArrayList<>();
        int[] dims = ModelShape.squeeze(outcome.data().recordShape());
        if (outcome.images()) {
            int n = Math.min(SHOWN_IMAGES, outcome.noisy().length);
            files.add(dir.resolve("grid.png"));
            ImageGrid.writePng(files.get(0), List.of(Arrays.copyOf(outcome.noisy(), n), Arrays.copyOf(outcome.denoised(), n),
                    Arrays.copyOf(outcome.data().heldOut(), n)), dims[0], dims[1], 3);
        } else {
            files.add(dir.resolve("sequence.png"));
            int[] features = IntStream.range(0, Math.min(SHOWN_FEATURES, dims[1])).toArray();
            SequencePlot.writePng(files.get(0), outcome.noisy()[0], outcome.denoised()[0], outcome.data().heldOut()[0],
                    dims[0], dims[1], features);
        }
        if (outcome.images()) {
            files.add(dir.resolve("neighbours.png"));
            NeighbourGrid.writePng(files.get(files.size() - 1), outcome.denoised(), outcome.latents(),
                    IntStream.range(0, Math.min(NEIGHBOUR_QUERIES, outcome.latents().length)).toArray(), dims[0], dims[1]);
        }
        Path latents = dir.resolve("latent-pca.png");
        int[] labels = outcome.data().heldOutLabels();
        LatentProjection.writeScatterPng(latents, outcome.latents(),
                labels != null ? labels : new int[outcome.latents().length]);
        files.add(latents);
        lossCurve(dir, outcome).ifPresent(files::add);
        return files;
    }

    /** The per-epoch history that training records in the metadata, when the model has one. */
    private static Optional<Path> lossCurve(Path dir, ModelEvaluation.Outcome outcome) throws IOException {
        Map<String, Object> training = outcome.model().training();
        if (training == null || !(training.get("loss_history") instanceof List<?> losses) || losses.isEmpty()) {
            return Optional.empty();
        }
        double[] psnrs = training.get("psnr_history_db") instanceof List<?> values ? numbers(values) : null;
        Path file = dir.resolve("loss-curve.png");
        LossCurve.writePng(file, numbers(losses), psnrs);
        return Optional.of(file);
    }

    private static double[] numbers(List<?> values) {
        return values.stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
    }
}

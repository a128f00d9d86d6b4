package io.denoiser.evaluate;

import io.denoiser.quality.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The pictures {@code evaluate} draws: noisy / denoised / clean side by side. */
public final class EvaluationPictures {

    private static final int SHOWN = 12;

    private EvaluationPictures() {
    }

    /** Writes the pictures into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, ModelEvaluation.Outcome outcome) throws IOException {
        List<Path> files = new ArrayList<>();
        int n = Math.min(SHOWN, outcome.noisy().length);
        int[] dims = io.denoiser.model.ModelShape.squeeze(outcome.data().recordShape());
        Path grid = dir.resolve("grid.png");
        ImageGrid.writePng(grid, List.of(Arrays.copyOf(outcome.noisy(), n), Arrays.copyOf(outcome.denoised(), n),
                Arrays.copyOf(outcome.data().heldOut(), n)), dims[0], dims[1], 3);
        files.add(grid);
        return files;
    }
}

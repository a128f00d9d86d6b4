package io.denoiser.embedding;

import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.train.HeldOutEvaluation;
import io.denoiser.train.TrainingData;
import io.denoiser.train.TrainingRun;
import io.denoiser.train.TrainingSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Trainer rounds of the digit U-Net on a window of the bundled training digits, small enough for tests: one
 * epoch over {@link #WINDOW} digits, then the embedding a round fits, as {@code TrainerService} does.
 */
public final class DigitRounds {

    /** Training digits a round trains and fits on: fewer than a real window, for the tests' time. */
    public static final int WINDOW = 3000;
    private static final long HELD_OUT_NOISE_SEED = 1234;
    private static final long EMBEDDING_NOISE_SEED = 7_000;

    private final TrainingData window;
    private final ModelEmbedder embedder = new ModelEmbedder(EmbeddingSettings.recommended());

    public DigitRounds() {
        TrainingData digits = TrainingData.mnistImages(0.5);
        window = new TrainingData("window", Arrays.copyOf(digits.training(), WINDOW),
                Arrays.copyOf(digits.heldOut(), 200), null, digits.recordShape(), digits.noise(), Map.of());
    }

    /**
     * Version {@code version}: one epoch from {@code from}'s weights (or random ones, seeded), embedded in
     * {@code parent}'s space if the alignment holds.
     */
    public ModelRecord round(Optional<ModelRecord> from, Optional<ModelRecord> parent, long version, long seed) {
        HeldOutEvaluation heldOut = new HeldOutEvaluation(window.heldOut(), window.noise().apply(HELD_OUT_NOISE_SEED),
                window.recordShape());
        Architecture design = Architecture.fromId("unet-s2");
        ModelRecord trained = new TrainingRun(TrainingSettings.seedRecipe(1, seed), heldOut,
                (epoch, epochs, loss, psnr, seconds) -> { })
                .train("unet", design, design.defaultShape(), version, from, window);
        long noiseSeed = EMBEDDING_NOISE_SEED + version;
        return embedder.attach(trained, parent, window.training(), window.noise().apply(noiseSeed), noiseSeed);
    }
}

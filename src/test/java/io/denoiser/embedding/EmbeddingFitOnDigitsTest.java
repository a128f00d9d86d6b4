package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.data.Noise;
import io.denoiser.evaluate.NeighbourScores;
import io.denoiser.model.DenoisingModel;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.train.TrainingData;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recommended design on the shipped {@code unet}, as measured by the issue 15 probe
 * ({@code docs/2026-11-30-latent-embedding-probe.md}): fitted without labels on the model's denoised outputs of the
 * 8,000 training digits (one noisy copy, the probe's seed 2001), scored on the 2,000 held-out digits noised as
 * {@code evaluate} noises them (σ = 0.5, seed 1234).
 */
class EmbeddingFitOnDigitsTest {

    private static final long HELD_OUT_NOISE_SEED = 1234;
    private static final long FIT_NOISE_SEED = 2001;

    private static TrainingData data;
    private static float[][] heldOut;
    private static float[][] window;

    @BeforeAll
    static void denoise() throws Exception {
        data = TrainingData.named("mnist", 0.5, 64, 16);
        try (DenoisingModel model = DenoisingModel.load(ShippedModels.load("unet"))) {
            heldOut = model.reconstructAll(noisy(data.heldOut(), HELD_OUT_NOISE_SEED), 128).outputs();
            window = model.reconstructAll(noisy(data.training(), FIT_NOISE_SEED), 128).outputs();
        }
    }

    @Test
    void shouldReproduceTheProbesNeighbourAndHashFiguresOnTheShippedUnet() {
        long start = System.nanoTime();
        FittedEmbedding fit = EmbeddingFit.first(window, 28, 28, EmbeddingSettings.recommended(), 0);
        double seconds = (System.nanoTime() - start) / 1e9;

        double nearest = NeighbourScores.nearestNeighbourAccuracy(fit.projection().embedAll(heldOut),
                data.heldOutLabels());
        double precision = NeighbourScores.hammingPrecisionAt(10, fit.projection().hashAll(heldOut),
                data.heldOutLabels());
        System.out.printf(Locale.ROOT, "fit on %d digits in %.1f s: 1-NN %.4f, Hamming P@10 %.4f%n", window.length,
                seconds, nearest, precision);
        // measured 0.9010 and 0.8062 (the probe: 0.901 for PCA-32 a = 0.25 fitted on the denoised outputs, 0.807 for
        // ITQ-64 on the blurred PCA-64); the fit took 9-13 s on 2 shared cores under load
        assertThat(nearest).isGreaterThanOrEqualTo(0.895);
        assertThat(precision).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void shouldKeepTheSpaceWhenTheWindowSlidesAndFindTheParentsVectorsAcrossVersions() {
        // the same model refitted on a window slid by 2,000 digits, as the probe's stability runs slide it: PCA's signs
        // and near-equal components change, which the alignment must undo
        float[][] parentWindow = Arrays.copyOfRange(window, 0, 6000);
        float[][] slidWindow = Arrays.copyOfRange(window, 2000, 8000);
        EmbeddingSettings settings = EmbeddingSettings.recommended();
        FittedEmbedding parent = EmbeddingFit.first(parentWindow, 28, 28, settings, 0);
        FittedEmbedding unaligned = EmbeddingFit.first(slidWindow, 28, 28, settings, 0);

        FittedEmbedding candidate = EmbeddingFit.aligned(slidWindow, "unet-s2",
                new EmbeddingParent(parent.spaceId(), "unet-s2", settings, parent.projection(), slidWindow),
                28, 28, settings, 1);

        int[] labels = data.heldOutLabels();
        float[][] parentVectors = parent.projection().embedAll(heldOut);
        double same = NeighbourScores.nearestNeighbourAccuracy(parentVectors, labels);
        double cross = NeighbourScores.crossAccuracy(candidate.projection().embedAll(heldOut), parentVectors, labels);
        double crossUnaligned = NeighbourScores.crossAccuracy(unaligned.projection().embedAll(heldOut),
                parentVectors, labels);
        double heldOutAgreement = EmbeddingFit.bitAgreement(candidate.projection().hashAll(heldOut),
                parent.projection().hashAll(heldOut), 64);
        System.out.printf(Locale.ROOT, "%s; held out: 1-NN same %.4f, cross %.4f (unaligned %.4f), bit agreement %.4f%n",
                candidate.reason(), same, cross, crossUnaligned, heldOutAgreement);
        // measured: residual 0.0496, window bit agreement 0.9979; held out: 1-NN same 0.9030, cross 0.8985 (unaligned
        // 0.5135), bit agreement 0.9974. (With 4,000-digit windows, 0-3,999 and 2,000-5,999: residual 0.0981, bit
        // agreement 0.9961, so the residual threshold is closer for small windows.)
        assertThat(candidate.spaceKept()).as(candidate.reason()).isTrue();
        assertThat(candidate.spaceId()).isEqualTo(parent.spaceId());
        assertThat(candidate.residual()).isLessThan(0.08);
        assertThat(candidate.bitAgreement()).isGreaterThan(0.99);
        assertThat(cross).isGreaterThan(same - 0.01);
        assertThat(crossUnaligned).isLessThan(same - 0.2);
        assertThat(heldOutAgreement).isGreaterThan(0.99);
    }

    private static float[][] noisy(float[][] clean, long seed) {
        Noise noise = data.noise().apply(seed);
        return Arrays.stream(clean).map(noise::apply).toArray(float[][]::new);
    }
}

package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingFitTest {

    private static final int ROWS = 8;
    private static final int COLS = 10;
    private static final EmbeddingSettings SETTINGS = new EmbeddingSettings(8, 16, 0.25, 1.0, 50, 0.15, 0.97);

    @Test
    void shouldHashAsTheSignOfTheItqRotatedPrincipalComponentsOfTheBlurredCentredOutputs() {
        float[][] outputs = lowRankImages(1500, 1, 0);

        FittedEmbedding fit = EmbeddingFit.first(outputs, ROWS, COLS, SETTINGS, 5);

        // the hash computed the long way: blur the data, PCA of it, ITQ with the same seed, sign
        float[][] blurred = new GaussianBlur(ROWS, COLS, 1.0).applyAll(outputs);
        PrincipalComponents pca = PrincipalComponents.fit(blurred, 16);
        double[][] values = pca.project(blurred);
        double[][] rotated = Matrices.multiply(values, IterativeQuantization.rotation(values, 50, 5));
        long agree = 0;
        for (int i = 0; i < outputs.length; i++) {
            long code = fit.projection().hash(outputs[i]);
            for (int k = 0; k < 16; k++) {
                agree += ((code >>> k & 1) == 1) == (rotated[i][k] > 0) ? 1 : 0;
            }
        }
        assertThat((double) agree / (outputs.length * 16)).isGreaterThan(0.999);
        assertThat(fit.spaceKept()).isFalse();
        assertThat(fit.alignedToParent()).isFalse();
        assertThat(fit.residual()).isNaN();
        assertThat(fit.mean()).hasSize(ROWS * COLS);
        assertThat(fit.embeddingMatrix()).hasSize(ROWS * COLS * 8);
        assertThat(fit.hashMatrix()).hasSize(ROWS * COLS * 16);
    }

    @Test
    void shouldEmbedAsTheWhitenedPrincipalComponents() {
        float[][] outputs = lowRankImages(1500, 1, 0);

        FittedEmbedding fit = EmbeddingFit.first(outputs, ROWS, COLS, SETTINGS, 5);

        PrincipalComponents pca = PrincipalComponents.fit(outputs, 8);
        double[][] values = pca.project(outputs);
        float[] embedded = fit.projection().embed(outputs[3]);
        for (int k = 0; k < 8; k++) {
            double expected = values[3][k] * Math.pow(pca.variances()[k], -0.25);
            assertThat((double) embedded[k]).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void shouldKeepTheSpaceForASlightlyPerturbedCandidate() {
        float[][] parentOutputs = lowRankImages(1500, 1, 0);
        FittedEmbedding parent = EmbeddingFit.first(parentOutputs, ROWS, COLS, SETTINGS, 5);
        float[][] candidateOutputs = perturbed(parentOutputs, 0.01, 2);

        FittedEmbedding candidate = EmbeddingFit.aligned(candidateOutputs, "unet-s2",
                new EmbeddingParent(parent.spaceId(), "unet-s2", SETTINGS, parent.projection(), parentOutputs),
                ROWS, COLS, SETTINGS, 6);

        assertThat(candidate.spaceKept()).as(candidate.reason()).isTrue();
        assertThat(candidate.alignedToParent()).isTrue();
        assertThat(candidate.spaceId()).isEqualTo(parent.spaceId());
        assertThat(candidate.residual()).isLessThan(0.05);
        assertThat(candidate.bitAgreement()).isGreaterThan(0.97);
        float[] before = parent.projection().embed(parentOutputs[0]);
        float[] after = candidate.projection().embed(candidateOutputs[0]);
        assertThat(cosine(before, after)).isGreaterThan(0.99);
    }

    @Test
    void shouldMintANewSpaceForAnUnrelatedCandidate() {
        float[][] parentOutputs = lowRankImages(1500, 1, 0);
        FittedEmbedding parent = EmbeddingFit.first(parentOutputs, ROWS, COLS, SETTINGS, 5);
        float[][] unrelated = lowRankImages(1500, 99, 0);

        FittedEmbedding candidate = EmbeddingFit.aligned(unrelated, "unet-s2",
                new EmbeddingParent(parent.spaceId(), "unet-s2", SETTINGS, parent.projection(), parentOutputs),
                ROWS, COLS, SETTINGS, 6);

        assertThat(candidate.spaceKept()).isFalse();
        assertThat(candidate.alignedToParent()).isTrue();
        assertThat(candidate.spaceId()).isNotEqualTo(parent.spaceId());
        assertThat(candidate.residual()).isGreaterThan(0.15);
        assertThat(candidate.reason()).startsWith("new space: alignment");
    }

    @Test
    void shouldMintANewSpaceWithoutAligningForAnotherArchitectureOrOtherSettings() {
        float[][] outputs = lowRankImages(800, 1, 0);
        FittedEmbedding parent = EmbeddingFit.first(outputs, ROWS, COLS, SETTINGS, 5);
        EmbeddingParent byUnet = new EmbeddingParent(parent.spaceId(), "unet-s2", SETTINGS, parent.projection(),
                outputs);

        FittedEmbedding dense = EmbeddingFit.aligned(outputs, "dense", byUnet, ROWS, COLS, SETTINGS, 6);
        EmbeddingSettings noBlur = new EmbeddingSettings(8, 16, 0.25, 0, 50, 0.15, 0.97);
        FittedEmbedding unblurred = EmbeddingFit.aligned(outputs, "unet-s2", byUnet, ROWS, COLS, noBlur, 6);

        assertThat(dense.alignedToParent()).isFalse();
        assertThat(dense.spaceId()).isNotEqualTo(parent.spaceId());
        assertThat(dense.reason()).contains("architecture dense");
        assertThat(unblurred.alignedToParent()).isFalse();
        assertThat(unblurred.spaceId()).isNotEqualTo(parent.spaceId());
        assertThatThrownBy(() -> EmbeddingFit.aligned(new float[3][ROWS * COLS],
                "unet-s2", byUnet, ROWS, COLS, SETTINGS, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Images on a 12-dimensional subspace with decaying spreads, plus a little pixel noise. */
    static float[][] lowRankImages(int n, long basisSeed, long itemSeed) {
        double[][] basis = OrthogonalProcrustesTest.gaussian(12, ROWS * COLS, basisSeed);
        SplittableRandom random = new SplittableRandom(itemSeed * 31 + basisSeed);
        float[][] images = new float[n][ROWS * COLS];
        for (float[] image : images) {
            for (int b = 0; b < 12; b++) {
                double z = random.nextGaussian() * 3.0 / (1 + b);
                for (int i = 0; i < image.length; i++) {
                    image[i] += (float) (z * basis[b][i]);
                }
            }
            for (int i = 0; i < image.length; i++) {
                image[i] += (float) (0.05 * random.nextGaussian());
            }
        }
        return images;
    }

    static float[][] perturbed(float[][] images, double level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            out[i] = images[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += (float) (level * random.nextGaussian());
            }
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

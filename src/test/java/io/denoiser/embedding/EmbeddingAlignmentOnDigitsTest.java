package io.denoiser.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.data.Noise;
import io.denoiser.model.DenoisingModel;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.train.TrainingData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The label-free space check on real outputs: a different denoiser aligned onto the shipped {@code unet}'s space
 * fails it (the probe measured residual 0.29 and 94 % bit agreement for {@code cnn-seed}, against 0.06 and 99 % for a
 * fine-tune), so it gets a new space id and a fresh ITQ hash.
 */
class EmbeddingAlignmentOnDigitsTest {

    @Test
    void shouldMintANewSpaceForAnotherDenoiserOnTheSameWindow() throws Exception {
        TrainingData data = TrainingData.named("mnist", 0.5, 64, 16);
        Noise noise = data.noise().apply(2001);
        float[][] noisyWindow = Arrays.stream(Arrays.copyOfRange(data.training(), 0, 4000)).map(noise::apply)
                .toArray(float[][]::new);
        float[][] unetOutputs = outputs("unet", noisyWindow);
        float[][] cnnOutputs = outputs("cnn-seed", noisyWindow);
        EmbeddingSettings settings = EmbeddingSettings.recommended();
        FittedEmbedding parent = EmbeddingFit.first(unetOutputs, 28, 28, settings, 0);

        // passed as the same architecture on purpose, so that the residual and bit-agreement checks decide (as for a
        // model retrained from scratch), not the architecture check
        FittedEmbedding candidate = EmbeddingFit.aligned(cnnOutputs, "unet-s2",
                new EmbeddingParent(parent.spaceId(), "unet-s2", settings, parent.projection(), unetOutputs),
                28, 28, settings, 1);

        System.out.println(candidate.reason());
        // measured: residual 0.2908, bit agreement 0.9504 (4,000-digit window, noise seed 2001)
        assertThat(candidate.alignedToParent()).isTrue();
        assertThat(candidate.spaceKept()).isFalse();
        assertThat(candidate.spaceId()).isNotEqualTo(parent.spaceId());
        assertThat(candidate.residual()).isGreaterThan(0.2);
        assertThat(candidate.bitAgreement()).isLessThan(0.96);
    }

    private static float[][] outputs(String model, float[][] noisy) throws Exception {
        try (DenoisingModel denoiser = DenoisingModel.load(ShippedModels.load(model))) {
            return denoiser.reconstructAll(noisy, 128).outputs();
        }
    }
}

package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.data.Noise;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelShape;
import io.denoiser.model.TrainingNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class AutoencoderTrainerTest {

    private final float[][] images = MnistDataset.bundled().slice(0, 128).images();
    private static final LongFunction<Noise> NOISE = seed -> new GaussianNoise(0.5, seed);
    private final ModelShape shape = Architecture.CNN_SEED.defaultShape();

    @Test
    void shouldStopAfterPatienceEpochsWithoutImprovementAndKeepTheBestEpoch() {
        List<float[]> scored = new ArrayList<>();
        double[] psnrs = {10, 12, 11, 11.5, 9, 13};
        TrainingNetwork network = Architecture.CNN_SEED.newNetwork(1);
        TrainingHistory history = new AutoencoderTrainer(new TrainingSettings(6, 64, 0.5, 1, 2), (e, n, l, p, s) -> { })
                .train(network, Architecture.CNN_SEED, shape, images, NOISE, parameters -> {
                    scored.add(parameters);
                    return psnrs[scored.size() - 1];
                });
        assertThat(history.epochsRun()).isEqualTo(4);
        assertThat(history.bestEpoch()).isEqualTo(2);
        assertThat(history.parameters()).containsExactly(scored.get(1));
        assertThat(history.losses()).hasSize(4);
    }

    @Test
    void shouldLowerTheLossAndBeReproducibleFromTheSeed() {
        TrainingSettings settings = new TrainingSettings(2, 64, 0.5, 7, 0);
        TrainingHistory first = new AutoencoderTrainer(settings, (e, n, l, p, s) -> { })
                .train(Architecture.CNN_SEED.newNetwork(7), Architecture.CNN_SEED, shape, images, NOISE, parameters -> 0);
        TrainingHistory again = new AutoencoderTrainer(settings, (e, n, l, p, s) -> { })
                .train(Architecture.CNN_SEED.newNetwork(7), Architecture.CNN_SEED, shape, images, NOISE, parameters -> 0);
        assertThat(first.losses().get(1)).isLessThan(first.losses().get(0));
        assertThat(again.losses()).containsExactlyElementsOf(first.losses());
    }

    @Test
    void shouldStepTheLearningRateDownByEpochWhateverTheBatchCount() {
        float[][] fewImages = MnistDataset.bundled().slice(0, 2).images();
        TrainingNetwork network = Architecture.UNET.newNetwork(3);
        AutoencoderTrainer trainer = new AutoencoderTrainer(new TrainingSettings(39, 1, 0.5, 3, 0), (e, n, l, p, s) -> { });

        trainer.train(network, Architecture.UNET, Architecture.UNET.defaultShape(), fewImages, NOISE, parameters -> 0);
        double forEpoch40 = network.learningRate();
        new AutoencoderTrainer(new TrainingSettings(1, 1, 0.5, 3, 0), (e, n, l, p, s) -> { })
                .train(network, Architecture.UNET, Architecture.UNET.defaultShape(), fewImages, NOISE, parameters -> 0);

        assertThat(forEpoch40).isEqualTo(1e-3);
        assertThat(network.learningRate()).isEqualTo(3e-4);
    }
}

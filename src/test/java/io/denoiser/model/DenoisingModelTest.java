package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenoisingModelTest {

    @Test
    void shouldGiveEachRecordTheSameResultWhateverTheBatchItIsPaddedInto() {
        try (DenoisingModel model = DenoisingModel.load(ModelRecords.cnnSeed(1, 7))) {
            model.warmUp(8);
            Random random = new Random(3);
            float[][] inputs = new float[5][784];
            for (float[] input : inputs) {
                for (int i = 0; i < input.length; i++) {
                    input[i] = random.nextFloat();
                }
            }
            Reconstruction batch = model.reconstruct(inputs);
            assertThat(batch.outputs()).hasNumberOfRows(5);
            assertThat(batch.latents()).hasNumberOfRows(5);
            for (int i = 0; i < inputs.length; i++) {
                Reconstruction alone = model.reconstruct(new float[][] {inputs[i]});
                assertThat(batch.outputs()[i]).containsExactly(alone.outputs()[0], within(1e-5f));
                assertThat(batch.latents()[i]).containsExactly(alone.latents()[0], within(1e-5f));
            }
        }
    }

    @Test
    void shouldCountACopyOpenUntilItIsClosedHoweverOftenItIsClosed() {
        int before = DenoisingModel.openCopies();
        DenoisingModel model = DenoisingModel.load(ModelRecords.cnnSeed(1, 7));
        assertThat(DenoisingModel.openCopies()).isEqualTo(before + 1);
        model.close();
        model.close();
        assertThat(DenoisingModel.openCopies()).isEqualTo(before);
    }
}

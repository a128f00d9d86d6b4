package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SeedCnnDesignTest {

    @Test
    void shouldHaveTheSeedsParameterCount() {
        assertThat(Architecture.CNN_SEED.newNetwork(1).parameterCount()).isEqualTo(27_073);
        assertThat(Architecture.CNN_SEED.parameterCount(Architecture.CNN_SEED.defaultShape())).isEqualTo(27_073);
    }

    @Test
    void shouldMapDigitsToA4x4x32LatentAndBackTo28x28() {
        MultiLayerNetwork network = new MultiLayerNetwork(SeedCnnDesign.configuration(1));
        network.init();
        INDArray batch = Nd4j.rand(3, 1, 28, 28);
        var activations = network.feedForward(batch, false);
        assertThat(activations.get(3).shape()).containsExactly(3, 32, 4, 4);
        INDArray output = activations.get(activations.size() - 1);
        assertThat(output.shape()).containsExactly(3, 1, 28, 28);
        assertThat(output.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(output.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldSplitIntoEncoderAndDecoderThatReproduceTheTrainingNetwork() {
        ModelRecord record = ModelRecords.cnnSeed(1, 3);
        MultiLayerNetwork whole = new MultiLayerNetwork(SeedCnnDesign.configuration(3));
        whole.init();
        float[][] inputs = new float[2][784];
        inputs[1][300] = 0.7f;
        INDArray expected = whole.output(Nd4j.create(new float[2 * 784], new long[] {2, 1, 28, 28}, 'c')
                .putScalar(new long[] {1, 0, 10, 20}, 0.7));
        float[][] outputs = DenoisingModel.load(record).reconstruct(inputs).outputs();
        assertThat(outputs[1]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-5 ? 0 : 1)
                .containsExactly(expected.reshape(2, 784).getRow(1).dup().data().asFloat());
    }

    @Test
    void shouldReturnOneReconstructionAndOne512FloatLatentPerInput() {
        DenoisingModel model = DenoisingModel.load(ModelRecords.cnnSeed(1, 3));
        float[][] inputs = new float[5][784];
        inputs[2][100] = 1f;
        Reconstruction result = model.reconstruct(inputs);
        assertThat(result.outputs()).hasNumberOfRows(5);
        assertThat(result.outputs()[0]).hasSize(784);
        assertThat(result.latents()[4]).hasSize(512);
        assertThat(result.outputs()[2]).isNotEqualTo(result.outputs()[1]);
        assertThat(result.outputs()[0]).containsExactly(result.outputs()[1]);
    }
}

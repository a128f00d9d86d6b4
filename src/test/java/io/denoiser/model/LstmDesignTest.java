package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LstmDesignTest {

    private static final ModelShape SHAPE = new ModelShape(new int[] {12, 5}, new int[] {8});

    @Test
    void shouldCountParametersOfBothLstmsAndTheDenseOutput() {
        assertThat(Architecture.LSTM.newNetwork(1, SHAPE).parameterCount()).isEqualTo(Architecture.LSTM.parameterCount(SHAPE));
        assertThat(Architecture.LSTM_REVERSED.newNetwork(1, SHAPE).parameterCount()).isEqualTo(Architecture.LSTM.parameterCount(SHAPE));
        ModelShape mnistRows = Architecture.LSTM.defaultShape();
        assertThat(Architecture.LSTM.parameterCount(mnistRows)).isEqualTo(4 * 64 * (28 + 64 + 1) + 4 * 64 * (64 + 64 + 1) + 64 * 28 + 28);
    }

    @Test
    void shouldMatchTheDl4jNetworkOutputOnTheNativeInferencePath() {
        assertInferenceMatchesTheTrainingNetwork(Architecture.LSTM);
    }

    @Test
    void shouldMatchTheDl4jNetworkOutputOnTheNativeInferencePathWhenTheEncoderReadsWindowsReversed() {
        assertInferenceMatchesTheTrainingNetwork(Architecture.LSTM_REVERSED);
    }

    @Test
    void shouldDenoiseAWindowAsTheForwardModelDenoisesItsReversedSteps() {
        float[] parameters = Architecture.LSTM.newNetwork(5, SHAPE).parameters();
        float[][] windows = FloatArrays.randomWindows(2, 12 * 5);
        float[][] reversed = new float[2][];
        for (int n = 0; n < 2; n++) {
            reversed[n] = Batches.reverseSteps(windows[n], 1, 12, 5);
        }

        Reconstruction forward = DenoisingModel.load(record(Architecture.LSTM, parameters)).reconstruct(reversed);
        Reconstruction result = DenoisingModel.load(record(Architecture.LSTM_REVERSED, parameters)).reconstruct(windows);

        for (int n = 0; n < 2; n++) {
            assertThat(result.outputs()[n]).containsExactly(forward.outputs()[n]);
            assertThat(result.latents()[n]).containsExactly(forward.latents()[n]);
        }
        assertThat(result.outputs()[0]).isNotEqualTo(DenoisingModel.load(record(Architecture.LSTM, parameters))
                .reconstruct(windows).outputs()[0]);
    }

    @Test
    void shouldReadBothLstmArchitecturesAsSequenceModels() {
        assertThat(Architecture.LSTM.readsSequences()).isTrue();
        assertThat(Architecture.LSTM_REVERSED.readsSequences()).isTrue();
        assertThat(Architecture.UNET.readsSequences()).isFalse();
    }

    private static void assertInferenceMatchesTheTrainingNetwork(Architecture architecture) {
        TrainingNetwork training = architecture.newNetwork(5, SHAPE);
        MultiLayerNetwork network = new MultiLayerNetwork(LstmDesign.configuration(5, 12, 5, 8, 1e-3));
        network.init();
        network.setParams(Nd4j.createFromArray(training.parameters()).reshape(1, training.parameterCount()));
        float[][] windows = FloatArrays.randomWindows(3, 12 * 5);
        INDArray expected = network.output(architecture.trainingInputs(FloatArrays.concat(windows), 3, SHAPE)[0]); // [N,F,T]

        Reconstruction result = DenoisingModel.load(record(architecture, training.parameters())).reconstruct(windows);

        for (int n = 0; n < 3; n++) {
            for (int t = 0; t < 12; t++) {
                for (int f = 0; f < 5; f++) {
                    assertThat(result.outputs()[n][t * 5 + f]).as("n%d t%d f%d", n, t, f)
                            .isCloseTo(expected.getFloat(n, f, t), org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
        assertThat(result.latents()[0]).hasSize(8);
    }

    @Test
    void shouldRejectShapesItCannotServe() {
        assertThatThrownBy(() -> Architecture.LSTM.checkShape(new ModelShape(new int[] {1, 28, 28}, new int[] {64})))
                .isInstanceOf(InvalidModelException.class);
        assertThatThrownBy(() -> Architecture.LSTM.checkShape(new ModelShape(new int[] {28, 0}, new int[] {64})))
                .isInstanceOf(InvalidModelException.class);
    }

    private static ModelRecord record(Architecture architecture, float[] parameters) {
        return new ModelRecord(new ModelMetadata("lstm", 1, architecture.id(), SHAPE.input(), SHAPE.latent(), parameters.length,
                Map.of(), Map.of(), null, null), parameters);
    }
}

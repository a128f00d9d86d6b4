package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LstmSkipDesignTest {

    private static final ModelShape SHAPE = new ModelShape(new int[] {12, 5}, new int[] {8});

    @Test
    void shouldCountParametersOfTheEncoderTheBidirectionalDecoderAndTheDenseOutput() {
        assertThat(Architecture.LSTM_SKIP.newNetwork(1, SHAPE).parameterCount())
                .isEqualTo(Architecture.LSTM_SKIP.parameterCount(SHAPE));
        ModelShape sensors = Architecture.LSTM_SKIP.defaultShape();
        assertThat(sensors).isEqualTo(new ModelShape(new int[] {64, 8}, new int[] {64}));
        assertThat(Architecture.LSTM_SKIP.parameterCount(sensors))
                .isEqualTo(4 * 64 * (8 + 64 + 1) + 2 * 4 * 64 * (72 + 64 + 1) + 128 * 8 + 8);
    }

    @Test
    void shouldMatchTheTrainingGraphOnTheNativeInferencePathWithTheEncodersLastStepAsLatent() {
        TrainingNetwork training = Architecture.LSTM_SKIP.newNetwork(5, SHAPE);
        ComputationGraph network = new ComputationGraph(LstmSkipDesign.graph(5, SHAPE));
        network.init();
        network.setParams(Nd4j.createFromArray(training.parameters()).reshape(1, training.parameterCount()));
        float[][] windows = FloatArrays.randomWindows(3, 12 * 5);
        INDArray expected = network.outputSingle(
                Architecture.LSTM_SKIP.trainingInputs(FloatArrays.concat(windows), 3, SHAPE)[0]); // [N,F,T]
        INDArray encoderLast = network.feedForward(Architecture.LSTM_SKIP.trainingInputs(FloatArrays.concat(windows), 3, SHAPE)[0],
                false).get("latent");                                                                         // [N,H]

        Reconstruction result = DenoisingModel.load(record(training.parameters())).reconstruct(windows);

        for (int n = 0; n < 3; n++) {
            for (int t = 0; t < 12; t++) {
                for (int f = 0; f < 5; f++) {
                    assertThat(result.outputs()[n][t * 5 + f]).as("n%d t%d f%d", n, t, f)
                            .isCloseTo(expected.getFloat(n, f, t), Offset.offset(1e-5f));
                }
            }
            assertThat(result.latents()[n]).containsExactly(encoderLast.getRow(n).toFloatVector(), Offset.offset(1e-5f));
        }
    }

    @Test
    void shouldLetEachStepsOwnReadingReachTheDecoder() {
        float[] parameters = Architecture.LSTM_SKIP.newNetwork(5, SHAPE).parameters();
        float[][] windows = FloatArrays.randomWindows(1, 12 * 5);
        float[][] changedEarlyStep = {windows[0].clone()};
        changedEarlyStep[0][5] += 0.5f;

        DenoisingModel model = DenoisingModel.load(record(parameters));
        Reconstruction original = model.reconstruct(windows);
        Reconstruction changed = model.reconstruct(changedEarlyStep);

        // Step 1 changed: its own output moves more than through the latent alone, which every step shares.
        float ownChange = Math.abs(changed.outputs()[0][5] - original.outputs()[0][5]);
        float lastStepChange = Math.abs(changed.outputs()[0][11 * 5] - original.outputs()[0][11 * 5]);
        assertThat(ownChange).isGreaterThan(lastStepChange);
    }

    @Test
    void shouldReadSequencesAndRejectShapesItCannotServe() {
        assertThat(Architecture.LSTM_SKIP.readsSequences()).isTrue();
        assertThatThrownBy(() -> Architecture.LSTM_SKIP.checkShape(new ModelShape(new int[] {1, 28, 28}, new int[] {64})))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("lstm-skip: needs input [steps, features]");
        assertThatThrownBy(() -> Architecture.LSTM_SKIP.checkShape(new ModelShape(new int[] {64, 0}, new int[] {64})))
                .isInstanceOf(InvalidModelException.class);
    }

    private static ModelRecord record(float[] parameters) {
        return new ModelRecord(new ModelMetadata("sensors", 1, Architecture.LSTM_SKIP.id(), SHAPE.input(), SHAPE.latent(),
                parameters.length, Map.of(), Map.of(), null, null), parameters);
    }
}

package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TemporalCnnDesignTest {

    private static final ModelShape SHAPE = new ModelShape(new int[] {16, 5}, new int[] {32});

    @Test
    void shouldCountEveryConvolutionsParameters() {
        ModelShape sensors = Architecture.CNN1D.defaultShape();
        assertThat(sensors).isEqualTo(new ModelShape(new int[] {64, 8}, new int[] {128}));
        long full = (5 * 8 * 64 + 64) + 2 * (5 * 64 * 64 + 64) + (5 * 64 * 8 + 8);
        long half = (4 * 64 * 128 + 128) + (5 * 128 * 128 + 128) + (5 * 128 * 64 + 64);
        long quarter = (4 * 128 * 128 + 128) + 2 * (5 * 128 * 128 + 128);
        assertThat(Architecture.CNN1D.parameterCount(sensors)).isEqualTo(full + half + quarter).isEqualTo(432_008);
        assertThat(Architecture.CNN1D.newNetwork(1, sensors).parameterCount()).isEqualTo(432_008);
        assertThat(Architecture.CNN1D.newNetwork(1, SHAPE).parameterCount()).isEqualTo(Architecture.CNN1D.parameterCount(SHAPE));
    }

    @Test
    void shouldMatchTheTrainingGraphWithTheBottleneckAveragedOverTimeAsLatent() {
        TrainingNetwork training = Architecture.CNN1D.newNetwork(5, SHAPE);
        ComputationGraph network = new ComputationGraph(TemporalCnnDesign.graph(5, SHAPE, true));
        network.init();
        network.setParams(Nd4j.createFromArray(training.parameters()).reshape(1, training.parameterCount()));
        float[][] windows = FloatArrays.randomWindows(3, 16 * 5);
        Map<String, INDArray> activations = network.feedForward(
                Architecture.CNN1D.trainingInputs(FloatArrays.concat(windows), 3, SHAPE)[0], false);
        INDArray expected = activations.get(TemporalCnnDesign.OUTPUT);                          // [N,F,T]
        INDArray expectedLatent = activations.get(TemporalCnnDesign.BOTTLENECK).mean(2);         // [N,H]

        Reconstruction result = DenoisingModel.load(record(SHAPE, training.parameters())).reconstruct(windows);

        for (int n = 0; n < 3; n++) {
            for (int t = 0; t < 16; t++) {
                for (int f = 0; f < 5; f++) {
                    assertThat(result.outputs()[n][t * 5 + f]).as("n%d t%d f%d", n, t, f)
                            .isCloseTo(expected.getFloat(n, f, t), Offset.offset(1e-5f));
                }
            }
            assertThat(result.latents()[n]).containsExactly(expectedLatent.getRow(n).toFloatVector(), Offset.offset(1e-5f));
        }
    }

    @Test
    void shouldPassTheNoisyWindowThroughWhenItPredictsNoCorrection() {
        ComputationGraph network = new ComputationGraph(TemporalCnnDesign.graph(5, SHAPE, true));
        network.init();
        network.getLayer("correction").params().assign(0);
        float[][] windows = FloatArrays.randomWindows(2, 16 * 5);

        Reconstruction result = DenoisingModel.load(record(SHAPE, network.params().toFloatVector())).reconstruct(windows);

        assertThat(result.outputs()[1]).containsExactly(windows[1], Offset.offset(1e-6f));
    }

    @Test
    void shouldDenoiseShorterAndLongerWindowsThanItWasTrainedOnWithALatentOfOneSize() {
        DenoisingModel model = DenoisingModel.load(record(SHAPE, Architecture.CNN1D.newNetwork(3, SHAPE).parameters()));

        Reconstruction shorter = model.reconstruct(FloatArrays.randomWindows(3, 4 * 5));
        Reconstruction longer = model.reconstruct(FloatArrays.randomWindows(2, 100 * 5));

        assertThat(shorter.outputs()).hasDimensions(3, 4 * 5);
        assertThat(longer.outputs()).hasDimensions(2, 100 * 5);
        assertThat(shorter.latents()[0]).hasSize(32);
        assertThat(longer.latents()[0]).hasSize(32);
    }

    @Test
    void shouldRefuseWindowsWhoseLengthTheStridesCannotHalve() {
        DenoisingModel model = DenoisingModel.load(record(SHAPE, Architecture.CNN1D.newNetwork(3, SHAPE).parameters()));

        assertThatThrownBy(() -> model.reconstruct(FloatArrays.randomWindows(2, 30 * 5)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageEndingWith("takes windows of any multiple of 4 steps from 4 to 4096, not 30");
        assertThatThrownBy(() -> model.reconstruct(FloatArrays.randomWindows(2, 16 * 5 + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not whole steps of 5 features");
        assertThatThrownBy(() -> model.reconstruct(new float[][] {new float[16 * 5], new float[8 * 5]}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have one length");
    }

    @Test
    void shouldRefuseModelShapesItCannotServeBeforeBuildingAnything() {
        assertThat(Architecture.CNN1D.readsSequences()).isTrue();
        assertThatThrownBy(() -> Architecture.CNN1D.checkShape(new ModelShape(new int[] {30, 8}, new int[] {128})))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("cnn1d: takes windows of any multiple of 4 steps from 4 to 4096, not 30");
        assertThatThrownBy(() -> Architecture.CNN1D.checkShape(new ModelShape(new int[] {64, 8}, new int[] {63})))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("cnn1d: needs an even latent size");
        assertThatThrownBy(() -> Architecture.CNN1D.checkShape(new ModelShape(new int[] {64, 8}, new int[] {5000})))
                .isInstanceOf(InvalidModelException.class).hasMessageStartingWith("cnn1d: needs input [steps, features]");
        assertThatThrownBy(() -> Architecture.CNN1D.checkShape(new ModelShape(new int[] {1, 28, 28}, new int[] {128})))
                .isInstanceOf(InvalidModelException.class);
    }

    @Test
    void shouldDeclareTheWindowsItTakesWhereAnLstmTakesOnlyItsOwn() {
        ModelShape sensors = Architecture.CNN1D.defaultShape();
        Architecture.CNN1D.checkInput(sensors, new int[] {128, 8});
        Architecture.CNN1D.checkInput(sensors, new int[] {4, 8});

        assertThatThrownBy(() -> Architecture.CNN1D.checkInput(sensors, new int[] {30, 8}))
                .isInstanceOf(InvalidModelException.class)
                .hasMessage("cnn1d: takes windows of any multiple of 4 steps from 4 to 4096, not 30");
        assertThatThrownBy(() -> Architecture.CNN1D.checkInput(sensors, new int[] {64, 5}))
                .isInstanceOf(InvalidModelException.class).hasMessage("cnn1d: takes windows [steps, 8], not [64, 5]");
        assertThatThrownBy(() -> Architecture.LSTM_SKIP.checkInput(Architecture.LSTM_SKIP.defaultShape(), new int[] {128, 8}))
                .isInstanceOf(InvalidModelException.class).hasMessage("lstm-skip: takes [64, 8] only, not [128, 8]");
    }

    private static ModelRecord record(ModelShape shape, float[] parameters) {
        return new ModelRecord(new ModelMetadata("sensors", 1, Architecture.CNN1D.id(), shape.input(), shape.latent(),
                parameters.length, Map.of(), Map.of(), null, null), parameters);
    }
}

package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UnetDesignTest {

    private final ModelShape shape = Architecture.UNET.defaultShape();

    @Test
    void shouldCountEveryConvolutionsParameters() {
        assertThat(Architecture.UNET.parameterCount(shape)).isEqualTo(39_633);
        assertThat(Architecture.UNET.newNetwork(1).parameterCount()).isEqualTo(Architecture.UNET.parameterCount(shape));
        assertThat(Architecture.UNET_S2.parameterCount(shape)).isEqualTo(56_161);
        assertThat(Architecture.UNET_S2.newNetwork(1).parameterCount()).isEqualTo(Architecture.UNET_S2.parameterCount(shape));
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"UNET", "UNET_S2"})
    void shouldReconstructWithTheTrainingGraphsParametersAndExposeTheBottleneckInChannelFirstOrder(Architecture unet) {
        ComputationGraph training = new ComputationGraph(UnetDesign.graph(4, true, unet == Architecture.UNET_S2));
        training.init();
        float[][] images = new float[2][784];
        Random random = new Random(2);
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = random.nextFloat();
            }
        }
        Map<String, INDArray> activations = training.feedForward(
                Nd4j.create(FloatArrays.concat(images), shape.batchShape(2), 'c'), false);
        INDArray expected = activations.get(UnetDesign.OUTPUT);
        INDArray expectedLatent = activations.get(UnetDesign.LATENT).reshape(2, 32 * 7 * 7);
        float[] parameters = training.params().toFloatVector();
        ModelRecord record = new ModelRecord(new ModelMetadata("unet", 1, unet.id(), shape.input(), shape.latent(),
                parameters.length, Map.of(), Map.of(), null, null), parameters);

        Reconstruction result = DenoisingModel.load(record).reconstruct(images);

        assertThat(result.outputs()[1]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-5 ? 0 : 1)
                .containsExactly(expected.reshape(2, 784).getRow(1).dup().data().asFloat());
        assertThat(result.latents()[0]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-5 ? 0 : 1)
                .containsExactly(expectedLatent.getRow(0).dup().data().asFloat());
    }
}

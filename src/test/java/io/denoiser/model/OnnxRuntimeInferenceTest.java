package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.modeltopic.ShippedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxRuntimeInferenceTest {

    private static final float TOLERANCE = 1e-4f;

    @ParameterizedTest
    @ValueSource(strings = {"cnn-seed", "unet", "lstm", "cnn-sensors"})
    void shouldGiveTheDl4jEnginesResultsAtEveryBatchSize(String name) {
        ModelRecord record = ShippedModels.load(name);
        try (DenoisingModel onnx = DenoisingModel.load(record, InferenceEngineKind.ONNXRUNTIME);
             DenoisingModel dl4j = DenoisingModel.load(record, InferenceEngineKind.DL4J)) {
            for (int batch : new int[] {1, 3, 128}) {
                float[][] inputs = FloatArrays.randomWindows(batch, record.metadata().shape().inputSize());

                assertSame(onnx.reconstruct(inputs), dl4j.reconstruct(inputs));
            }
        }
    }

    @Test
    void shouldRunWindowsOfAnotherLengthOnADesignConvolutionalInTime() {
        ModelRecord record = ShippedModels.load("cnn-sensors");
        float[][] windows = FloatArrays.randomWindows(3, 32 * 8);
        int[][] shapes = {{32, 8}, {32, 8}, {32, 8}};
        try (DenoisingModel onnx = DenoisingModel.load(record, InferenceEngineKind.ONNXRUNTIME);
             DenoisingModel dl4j = DenoisingModel.load(record, InferenceEngineKind.DL4J)) {
            assertSame(onnx.reconstruct(windows, shapes), dl4j.reconstruct(windows, shapes));
        }
    }

    /** Each tile's feature map comes back from the graph, and the tiler averages it as it does DL4J's. */
    @Test
    void shouldGiveTheDl4jEnginesResultsOnPhotosOfSizesNoTileFits() {
        ModelRecord record = ShippedModels.load("photo");
        int[][] shapes = {{301, 217}, {1, 97, 410}};
        float[][] images = {ImageTilerTest.random(301 * 217, 1), ImageTilerTest.random(97 * 410, 2)};
        try (DenoisingModel onnx = DenoisingModel.load(record, InferenceEngineKind.ONNXRUNTIME);
             DenoisingModel dl4j = DenoisingModel.load(record, InferenceEngineKind.DL4J)) {
            Reconstruction actual = onnx.reconstruct(images, shapes);

            assertSame(actual, dl4j.reconstruct(images, shapes));
            assertThat(actual.latents()).hasDimensions(2, 96);
        }
    }

    @Test
    void shouldRefuseToRunOnceClosed() {
        DenoisingModel model = DenoisingModel.load(ShippedModels.load("cnn-seed"), InferenceEngineKind.ONNXRUNTIME);
        float[][] inputs = FloatArrays.randomWindows(2, 784);
        assertThat(model.reconstruct(inputs).outputs()).hasNumberOfRows(2);

        model.close();

        assertThatThrownBy(() -> model.reconstruct(inputs)).isInstanceOf(IllegalStateException.class);
    }

    private static void assertSame(Reconstruction actual, Reconstruction expected) {
        assertThat(actual.outputs()).hasSameDimensionsAs(expected.outputs());
        assertThat(actual.latents()).hasSameDimensionsAs(expected.latents());
        for (int i = 0; i < expected.outputs().length; i++) {
            assertThat(maxDifference(actual.outputs()[i], expected.outputs()[i])).as("output %d", i)
                    .isLessThanOrEqualTo(TOLERANCE);
            assertThat(maxDifference(actual.latents()[i], expected.latents()[i])).as("latent %d", i)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}

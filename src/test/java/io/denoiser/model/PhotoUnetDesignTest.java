package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PhotoUnetDesignTest {

    private static final Architecture PHOTO = Architecture.PHOTO_UNET;
    private static final ModelShape SHAPE = PHOTO.defaultShape();

    @Test
    void shouldCountEveryLayersParameters() {
        assertThat(PHOTO.parameterCount(SHAPE)).isEqualTo(434_401);
        assertThat(PHOTO.newNetwork(1).parameterCount()).isEqualTo(PHOTO.parameterCount(SHAPE));
    }

    @Test
    void shouldMatchTheTrainingGraphOnOneTile() {
        ComputationGraph training = new ComputationGraph(PhotoUnetDesign.graph(3, true));
        training.init();
        float[] tile = ImageTilerTest.random(288 * 288, 4);
        long[] shape = {1, 1, 288, 288};
        INDArray level = NoiseLevels.maps(new float[] {NoiseLevels.estimate(tile, 0, 288, 288)}, shape);
        Map<String, INDArray> activations = training.feedForward(new INDArray[] {Nd4j.create(tile, shape, 'c'), level}, false);
        float[] expected = activations.get(PhotoUnetDesign.OUTPUT).dup().data().asFloat();

        Reconstruction result = PHOTO.inference(training.params().toFloatVector(), SHAPE).reconstruct(new float[][] {tile});

        assertThat(result.outputs()[0]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-4 ? 0 : 1)
                .containsExactly(expected);
        assertThat(result.latents()[0]).hasSize(96 * 72 * 72);
    }

    /** The margin covers the receptive field: stitched tiles equal the network run on the whole image at once. */
    @Test
    void shouldGiveTheWholeImageResultWhenRunInTiles() {
        float[] parameters = PHOTO.newNetwork(5).parameters();
        DenoisingModel tiled = DenoisingModel.load(record(parameters));
        int height = 601;
        int width = 443;
        float[] image = ImageTilerTest.random(height * width, 6);

        Reconstruction result = tiled.reconstruct(new float[][] {image}, new int[][] {{1, height, width}});

        int paddedHeight = 604;
        int paddedWidth = 444;
        float[] padded = new float[paddedHeight * paddedWidth];
        for (int y = 0; y < paddedHeight; y++) {
            for (int x = 0; x < paddedWidth; x++) {
                padded[y * paddedWidth + x] = image[ImageTiler.mirror(y, height) * width + ImageTiler.mirror(x, width)];
            }
        }
        float level = NoiseLevels.estimate(image, 0, height, width);
        Reconstruction whole = PHOTO.inference(parameters, new ModelShape(new int[] {1, paddedHeight, paddedWidth},
                SHAPE.latent())).reconstruct(new float[][] {padded}, new float[] {level});
        float[] expected = new float[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                expected[y * width + x] = Math.min(1f, Math.max(0f, whole.outputs()[0][y * paddedWidth + x]));
            }
        }
        assertThat(result.outputs()[0]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-4 ? 0 : 1)
                .containsExactly(expected);
        float[] expectedLatent = channelMeans(whole.latents()[0], 96);
        assertThat(result.latents()[0]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-4 ? 0 : 1)
                .containsExactly(expectedLatent);
    }

    @Test
    void shouldTrainOnEachPatchWithTheMapOfItsOwnEstimatedNoiseLevel() {
        ModelShape patch = new ModelShape(new int[] {1, 16, 16}, SHAPE.latent());
        float[] first = ImageTilerTest.random(256, 11);
        float[] flat = new float[512];
        System.arraycopy(first, 0, flat, 0, 256);

        INDArray[] inputs = PHOTO.trainingInputs(flat, 2, patch);

        assertThat(inputs).hasSize(2);
        assertThat(inputs[1].shape()).containsExactly(2, 1, 16, 16);
        float expected = NoiseLevels.estimate(first, 0, 16, 16);
        assertThat(inputs[1].slice(0).minNumber().floatValue()).isCloseTo(expected, within(1e-5f));
        assertThat(inputs[1].slice(0).maxNumber().floatValue()).isCloseTo(expected, within(1e-5f));
        assertThat(inputs[1].slice(1).maxNumber().floatValue()).isZero();
    }

    @Test
    void shouldDenoiseDifferentlyWhenToldADifferentNoiseLevel() {
        try (InferenceEngine engine = PHOTO.inference(PHOTO.newNetwork(9).parameters(), SHAPE)) {
            float[] tile = ImageTilerTest.random(288 * 288, 10);

            float[] low = engine.reconstruct(new float[][] {tile}, new float[] {0.01f}).outputs()[0];
            float[] high = engine.reconstruct(new float[][] {tile}, new float[] {0.2f}).outputs()[0];

            assertThat(low).isNotEqualTo(high);
        }
    }

    @Test
    void shouldDenoiseAColourImagePlaneByPlaneKeepingItsShape() {
        DenoisingModel model = DenoisingModel.load(record(PHOTO.newNetwork(7).parameters()));
        float[] red = ImageTilerTest.random(40 * 50, 8);
        float[] rgb = new float[3 * red.length];
        for (int channel = 0; channel < 3; channel++) {
            System.arraycopy(red, 0, rgb, channel * red.length, red.length);
        }

        Reconstruction colour = model.reconstruct(new float[][] {rgb}, new int[][] {{3, 40, 50}});
        Reconstruction gray = model.reconstruct(new float[][] {red}, new int[][] {{40, 50}});

        assertThat(colour.outputs()[0]).hasSize(rgb.length);
        assertThat(java.util.Arrays.copyOfRange(colour.outputs()[0], 2 * red.length, rgb.length))
                .containsExactly(gray.outputs()[0]);
        assertThat(colour.latents()[0]).usingElementComparator((a, b) -> Math.abs(a - b) < 1e-5 ? 0 : 1)
                .containsExactly(gray.latents()[0]);
    }

    @Test
    void shouldRefuseImagesSmallerThanItsMinimumOrWithTwoChannels() {
        DenoisingModel model = DenoisingModel.load(record(PHOTO.newNetwork(7).parameters()));

        assertThatThrownBy(() -> model.reconstruct(new float[][] {new float[20]}, new int[][] {{4, 5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> model.reconstruct(new float[][] {new float[200]}, new int[][] {{2, 10, 10}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 10, 10]");
    }

    private static float[] channelMeans(float[] chw, int channels) {
        int cells = chw.length / channels;
        float[] means = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = 0; i < cells; i++) {
                sum += chw[c * cells + i];
            }
            means[c] = (float) (sum / cells);
        }
        return means;
    }

    static ModelRecord record(float[] parameters) {
        return new ModelRecord(new ModelMetadata("photo", 1, PHOTO.id(), SHAPE.input(), SHAPE.latent(),
                parameters.length, Map.of(), Map.of(), null, null), parameters);
    }
}

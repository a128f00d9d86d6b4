package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.onnx.OnnxContract;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every design's ONNX export computes what its DL4J engine does, on the same records. */
class ArchitectureOnnxTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void shouldComputeWhatDl4jDoesWithFreshWeights(Architecture architecture) throws Exception {
        ModelShape shape = architecture.defaultShape();
        float[] parameters = architecture.newNetwork(7, shape).parameters();

        assertMatches(architecture.id(), record(architecture, shape, parameters), shape.input());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-seed", "unet", "dense", "lstm", "lstm-sensors", "cnn-sensors", "photo"})
    void shouldComputeWhatDl4jDoesForEveryShippedModel(String name) throws Exception {
        ModelRecord record = ShippedModels.load(name);

        assertMatches(name, record, record.metadata().shape().input());
    }

    @Test
    void shouldRunTheTemporalCnnOnWindowsOfAnotherLength() throws Exception {
        ModelRecord record = ShippedModels.load("cnn-sensors");

        assertMatches("cnn-sensors at 96 steps", record, new int[] {96, record.metadata().shape().input()[1]});
        assertMatches("cnn-sensors at 16 steps", record, new int[] {16, record.metadata().shape().input()[1]});
    }

    @Test
    void shouldRunThePhotoDesignOnWholeImagesOfAnySizeItsStridesDivide() throws Exception {
        ModelRecord record = ShippedModels.load("photo");
        ModelShape image = new ModelShape(new int[] {1, 64, 96}, record.metadata().shape().latent());
        float[][] inputs = random(2, 64 * 96);
        float[] levels = noiseLevels(inputs, image.input());
        Reconstruction expected;
        try (InferenceEngine engine = Architecture.PHOTO_UNET.inference(record.parameters(), image)) {
            expected = engine.reconstruct(inputs, levels);
        }
        Map<String, float[][]> actual;
        try (OnnxRunner runner = new OnnxRunner(Architecture.PHOTO_UNET.onnxModel(record.parameters(),
                record.metadata().shape()))) {
            actual = runner.input(OnnxContract.INPUT, inputs, 1, 64, 96).vector(OnnxContract.NOISE_LEVEL, levels).run();
        }

        assertThat(actual.get(OnnxContract.LATENT)[0]).hasSize(96);
        double difference = maxDifference(expected.latents(), actual.get(OnnxContract.LATENT_MAP));
        System.out.printf("photo at 64x96: max |difference| latent_map %.3g%n", difference);
        assertThat(difference).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(clipped(expected.outputs()), actual.get(OnnxContract.DENOISED)))
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void shouldCountTheMultiplyAddsOfDenseConvolutionalAndRecurrentLayers() {
        assertThat(Architecture.DENSE.multiplyAdds(Architecture.DENSE.defaultShape()))
                .isEqualTo(784 * 128 + 128 * 32 + 32 * 128 + 128 * 784);
        // output pixels x input channels x kernel, layer by layer
        assertThat(Architecture.CNN_SEED.multiplyAdds(Architecture.CNN_SEED.defaultShape())).isEqualTo(
                14 * 14 * 16 * 9 + 7 * 7 * 32 * 16 * 9 + 4 * 4 * 32 * 32 * 4
                        + 4 * 4 * 32 * 32 * 4 + 8 * 8 * 32 * 32 * 9 + 14 * 14 * 16 * 32 * 9 + 28 * 28 * 16 * 9);
        // steps x 4 gates x hidden x (inputs + hidden) per LSTM, and the time-distributed output
        assertThat(Architecture.LSTM.multiplyAdds(Architecture.LSTM.defaultShape()))
                .isEqualTo(28 * 4 * 64 * (28 + 64) + 28 * 4 * 64 * (64 + 64) + 28 * 64 * 28);
    }

    private static ModelRecord record(Architecture architecture, ModelShape shape, float[] parameters) {
        return new ModelRecord(new ModelMetadata(architecture.id(), 1, architecture.id(), shape.input(), shape.latent(),
                parameters.length, Map.of(), Map.of(), "2026-12-01T00:00:00Z", null), parameters);
    }

    /** A few random records of {@code recordShape} through both paths; the tiled photo design takes one whole tile. */
    private static void assertMatches(String name, ModelRecord record, int[] recordShape) throws Exception {
        Architecture architecture = Architecture.fromId(record.metadata().architecture());
        boolean tiled = architecture.tiling().isPresent();
        float[][] inputs = random(tiled ? 2 : 3, Arrays.stream(recordShape).reduce(1, Math::multiplyExact));
        Reconstruction expected;
        try (DenoisingModel model = DenoisingModel.load(record)) {
            int[][] shapes = new int[inputs.length][];
            Arrays.fill(shapes, recordShape);
            expected = model.reconstruct(inputs, shapes);
        }
        byte[] onnx = architecture.onnxModel(record.parameters(), record.metadata().shape());
        Map<String, float[][]> actual;
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            runner.input(OnnxContract.INPUT, inputs, Arrays.stream(recordShape).asLongStream().toArray());
            if (tiled) {
                runner.vector(OnnxContract.NOISE_LEVEL, noiseLevels(inputs, recordShape));
            }
            actual = runner.run();
        }
        double denoised = maxDifference(expected.outputs(), actual.get(OnnxContract.DENOISED));
        double latent = maxDifference(expected.latents(), actual.get(OnnxContract.LATENT));
        System.out.printf("%s: max |difference| denoised %.3g, latent %.3g%n", name, denoised, latent);
        assertThat(denoised).isLessThanOrEqualTo(TOLERANCE);
        assertThat(latent).isLessThanOrEqualTo(TOLERANCE);
        if (tiled) {
            assertLatentMapMatches(name, record, inputs, recordShape, actual.get(OnnxContract.LATENT_MAP));
        }
    }

    /** The raw engine's latent map of each whole tile, channel first, as the tiler reads it. */
    private static void assertLatentMapMatches(String name, ModelRecord record, float[][] inputs, int[] recordShape,
                                               float[][] actual) {
        Architecture architecture = Architecture.fromId(record.metadata().architecture());
        try (InferenceEngine engine = architecture.inference(record.parameters(), record.metadata().shape())) {
            float[][] expected = engine.reconstruct(inputs, noiseLevels(inputs, recordShape)).latents();
            double difference = maxDifference(expected, actual);
            System.out.printf("%s: max |difference| latent_map %.3g%n", name, difference);
            assertThat(difference).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** Each image's noise level, estimated over the whole image as the tiler does. */
    private static float[] noiseLevels(float[][] images, int[] chw) {
        float[] levels = new float[images.length];
        for (int i = 0; i < images.length; i++) {
            levels[i] = NoiseLevels.estimate(images[i], 0, chw[1], chw[2]);
        }
        return levels;
    }

    private static float[][] clipped(float[][] images) {
        float[][] clipped = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            clipped[i] = images[i].clone();
            for (int j = 0; j < clipped[i].length; j++) {
                clipped[i][j] = Math.min(1f, Math.max(0f, clipped[i][j]));
            }
        }
        return clipped;
    }

    private static float[][] random(int count, int size) {
        Random random = new Random(11);
        float[][] records = new float[count][size];
        for (float[] record : records) {
            for (int i = 0; i < size; i++) {
                record[i] = random.nextFloat();
            }
        }
        return records;
    }

    private static double maxDifference(float[][] expected, float[][] actual) {
        assertThat(actual).hasSameDimensionsAs(expected);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        return max;
    }
}

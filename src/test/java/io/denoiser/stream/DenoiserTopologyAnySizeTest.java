package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tiled photo model in the production topology: images of any size and 1 or 3 channels, in and out. */
class DenoiserTopologyAnySizeTest extends TopologyFixture {

    @BeforeEach
    void start() {
        start(OutputFormat.AS_INPUT);
    }

    private void start(OutputFormat outputFormat) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "photo").withBatching(1, 50).withOutput(outputFormat, false))).build();
        startTopology(config, List.of(ModelRecords.photoUnet(1, 3)));
    }

    @Test
    void shouldDenoiseAGrayscalePngOfAnySizeIntoAGrayscalePngOfTheSameSize() {
        noisy.pipeInput("gray", codec.encode(new Tensor(new int[] {70, 90}, pattern(70 * 90)), TensorFormat.PNG));

        TestRecord<String, byte[]> output = denoised.readRecord();
        assertThat(output.key()).isEqualTo("gray");
        assertThat(TensorFormat.detect(output.value())).isEqualTo(TensorFormat.PNG);
        assertThat(codec.decodeDetecting(output.value()).shape()).containsExactly(70, 90);
        assertTagged(output.headers());
        assertLatentOf96("gray");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDenoiseColourAndOneChannelTensorsIntoTensorsOfTheSameShapeAndEncoding() {
        noisy.pipeInput("rgb", codec.encodeFloat32(new Tensor(new int[] {3, 40, 50}, pattern(3 * 40 * 50))));
        noisy.pipeInput("rgb-uint8", codec.encodeUint8(new Tensor(new int[] {3, 33, 17}, pattern(3 * 33 * 17))));
        noisy.pipeInput("one-channel", codec.encodeJson(new Tensor(new int[] {1, 30, 20}, pattern(600))));

        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(TestRecord::key).containsExactly("rgb", "rgb-uint8", "one-channel");
        assertThat(codec.decodeDetecting(outputs.get(0).value()).shape()).containsExactly(3, 40, 50);
        assertThat(outputs.get(0).value()).hasSize(6 + 12 + 4 * 3 * 40 * 50);
        assertThat(codec.decodeDetecting(outputs.get(1).value()).shape()).containsExactly(3, 33, 17);
        assertThat(outputs.get(1).value()).hasSize(6 + 12 + 3 * 33 * 17);
        assertThat(TensorFormat.detect(outputs.get(2).value())).isEqualTo(TensorFormat.JSON);
        assertThat(codec.decodeDetecting(outputs.get(2).value()).shape()).containsExactly(1, 30, 20);
        outputs.forEach(output -> assertTagged(output.headers()));
        assertLatentOf96("rgb", "rgb-uint8", "one-channel");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDenoiseAnRgbJpegIntoAnRgbJpegOfTheSameSize() {
        byte[] jpeg = codec.encode(new Tensor(new int[] {3, 48, 64}, pattern(3 * 48 * 64)), TensorFormat.JPEG);

        noisy.pipeInput("jpeg", jpeg);

        TestRecord<String, byte[]> output = denoised.readRecord();
        assertThat(TensorFormat.detect(output.value())).isEqualTo(TensorFormat.JPEG);
        assertThat(header(output.headers(), TensorFormat.CONTENT_TYPE_HEADER)).isEqualTo("image/jpeg");
        assertThat(codec.decodeDetecting(output.value()).shape()).containsExactly(3, 48, 64);
        assertTagged(output.headers());
        assertLatentOf96("jpeg");
    }

    @Test
    void shouldWriteAColourTensorAsAColourPngWhenThePipelineAsksForPng() {
        harness.close();
        start(OutputFormat.PNG);
        noisy.pipeInput("batch-of-one", codec.encodeFloat32(new Tensor(new int[] {1, 3, 20, 30}, pattern(3 * 20 * 30))));

        TestRecord<String, byte[]> output = denoised.readRecord();
        assertThat(TensorFormat.detect(output.value())).isEqualTo(TensorFormat.PNG);
        assertThat(codec.decodeDetecting(output.value()).shape()).containsExactly(3, 20, 30);
        assertLatentOf96("batch-of-one");
    }

    @Test
    void shouldDeadLetterWhatTheModelCannotTileWithTheReason() {
        noisy.pipeInput("two-channels", codec.encodeFloat32(new Tensor(new int[] {2, 20, 20}, new float[800])));
        noisy.pipeInput("tiny", codec.encodeFloat32(new Tensor(new int[] {5, 60}, new float[300])));
        noisy.pipeInput("flat", codec.encodeFloat32(new Tensor(new int[] {100}, new float[100])));
        noisy.pipeInput("colour-oversize", codec.encode(new Tensor(new int[] {3, 600, 600}, new float[3 * 360_000]),
                TensorFormat.PNG));

        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly("two-channels", "tiny", "flat", "colour-oversize");
        assertThat(letters).extracting(r -> header(r.headers(), DeadLetters.REASON))
                .containsExactly("WRONG_SHAPE", "WRONG_SHAPE", "WRONG_SHAPE", "OVERSIZE");
        assertThat(letters).extracting(r -> header(r.headers(), DeadLetters.EXCEPTION_MESSAGE)).containsExactly(
                "shape [2, 20, 20]: 2 channels; the model takes 1 or 3 (RGB plane by plane)",
                "shape [5, 60]: 5x60 pixels; the model takes at least 8x8",
                "shape [100]: not an image; the model takes [H, W] or [C, H, W] of any size",
                "shape [3, 600, 600] exceeds the limit of 1048576 elements");
        assertThat(denoised.isEmpty()).isTrue();
    }

    private void assertLatentOf96(String... keys) {
        List<TestRecord<String, byte[]>> latents = latent.readRecordsToList();
        assertThat(latents).extracting(TestRecord::key).containsExactly(keys);
        latents.forEach(record -> {
            assertThat(codec.decodeDetecting(record.value()).shape()).containsExactly(96);
            assertTagged(record.headers());
        });
    }

    private static void assertTagged(Headers headers) {
        assertThat(header(headers, OutputHeaders.MODEL_NAME)).isEqualTo("photo");
        assertThat(OutputHeaders.modelVersion(headers)).isEqualTo(1);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Values in [0, 1] that vary across rows, columns and planes. */
    private static float[] pattern(int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (i * 37 % 101) / 100f;
        }
        return values;
    }
}

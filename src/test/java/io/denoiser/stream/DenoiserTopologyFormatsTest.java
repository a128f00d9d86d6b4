package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.codec.DType;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Input formats (binary, JSON, PNG, JPEG; by header or by bytes), image resizing and the output format. */
class DenoiserTopologyFormatsTest extends TopologyFixture {

    private static final int[] DIGIT = {28, 28};

    private void start(OutputFormat outputFormat, boolean resizeImages) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(1, 50)
                        .withOutput(outputFormat, resizeImages))).build();
        startTopology(config, List.of(ModelRecords.cnnSeed(1, 1)));
    }

    @Test
    void shouldAnswerEachInputInItsOwnFormatByDefault() {
        start(OutputFormat.AS_INPUT, false);
        Tensor digit = new Tensor(DIGIT, digit());
        noisy.pipeInput("binary", codec.encodeUint8(digit));
        noisy.pipeInput("json", codec.encodeJson(digit));
        noisy.pipeInput("png", codec.encode(digit, TensorFormat.PNG));
        noisy.pipeInput("jpeg", codec.encode(digit, TensorFormat.JPEG));

        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(TestRecord::key).containsExactly("binary", "json", "png", "jpeg");
        assertThat(outputs).extracting(r -> TensorFormat.detect(r.value()))
                .containsExactly(TensorFormat.BINARY, TensorFormat.JSON, TensorFormat.PNG, TensorFormat.JPEG);
        assertThat(outputs).extracting(r -> contentType(r.headers())).containsExactly(
                "application/x-denoiser-tensor", "application/json", "image/png", "image/jpeg");
        assertThat(codec.decodeDetecting(outputs.get(2).value()).shape()).containsExactly(DIGIT);
        assertThat(latent.readRecordsToList()).extracting(r -> contentType(r.headers())).containsExactly(
                "application/x-denoiser-tensor", "application/json", "application/x-denoiser-tensor",
                "application/x-denoiser-tensor");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldAnswerABinaryTensorInItsOwnDtype() {
        start(OutputFormat.AS_INPUT, false);
        noisy.pipeInput("uint8", codec.encodeUint8(new Tensor(DIGIT, digit())));
        noisy.pipeInput("float32", codec.encodeFloat32(new Tensor(DIGIT, digit())));
        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs.get(0).value()).hasSize(6 + 8 + 784);
        assertThat(outputs.get(1).value()).hasSize(6 + 8 + 4 * 784);
        float[] compact = codec.decodeDetecting(outputs.get(0).value()).values();
        float[] precise = codec.decodeDetecting(outputs.get(1).value()).values();
        for (int i = 0; i < compact.length; i++) {
            assertThat(compact[i]).isCloseTo(precise[i], within(0.5f / 255 + 1e-6f));
        }
        assertThat(latent.readRecordsToList()).allSatisfy(r -> assertThat(r.value()).hasSize(6 + 4 + 4 * 512));
    }

    @Test
    void shouldAnswerALittleEndianTensorLittleEndianUnlessAnOutputFormatIsFixed() {
        start(OutputFormat.AS_INPUT, false);
        noisy.pipeInput("little", codec.encode(new Tensor(DIGIT, digit()), DType.FLOAT32_LE));
        noisy.pipeInput("big", codec.encodeFloat32(new Tensor(DIGIT, digit())));
        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(r -> TensorCodec.binaryType(r.value()))
                .containsExactly(DType.FLOAT32_LE, DType.FLOAT32);
        assertThat(codec.decodeDetecting(outputs.get(0).value()).values())
                .containsExactly(codec.decodeDetecting(outputs.get(1).value()).values());
        assertThat(latent.readRecordsToList()).extracting(r -> TensorCodec.binaryType(r.value()))
                .containsExactly(DType.FLOAT32_LE, DType.FLOAT32);
        harness.close();

        start(OutputFormat.BINARY, false);
        noisy.pipeInput("little", codec.encode(new Tensor(DIGIT, digit()), DType.FLOAT32_LE));
        assertThat(TensorCodec.binaryType(denoised.readRecord().value())).isEqualTo(DType.FLOAT32);
    }

    @Test
    void shouldWriteTheConfiguredOutputFormatWhateverTheInput() {
        start(OutputFormat.PNG, false);
        noisy.pipeInput("binary", codec.encodeFloat32(new Tensor(DIGIT, digit())));
        TestRecord<String, byte[]> output = denoised.readRecord();
        assertThat(TensorFormat.detect(output.value())).isEqualTo(TensorFormat.PNG);
        assertThat(contentType(output.headers())).isEqualTo("image/png");
    }

    @Test
    void shouldTakeTheFormatFromTheContentTypeHeaderAndDeadLetterAMismatch() {
        start(OutputFormat.AS_INPUT, false);
        byte[] png = codec.encode(new Tensor(DIGIT, digit()), TensorFormat.PNG);
        noisy.pipeInput(new TestRecord<>("declared-png", png, withContentType("image/png")));
        noisy.pipeInput(new TestRecord<>("png-declared-json", png, withContentType("application/json")));
        noisy.pipeInput(new TestRecord<>("gif", png, withContentType("image/gif")));

        assertThat(denoised.readRecordsToList()).extracting(TestRecord::key).containsExactly("declared-png");
        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(TestRecord::key).containsExactly("png-declared-json", "gif");
        assertThat(letters).extracting(r -> header(r.headers(), DeadLetters.REASON))
                .containsExactly("UNPARSABLE", "UNKNOWN_FORMAT");
    }

    @Test
    void shouldResizeImagesOfAnotherSizeOnlyWhenThePipelineAllowsIt() {
        start(OutputFormat.AS_INPUT, false);
        byte[] large = codec.encode(new Tensor(new int[] {56, 56}, new float[56 * 56]), TensorFormat.PNG);
        noisy.pipeInput("large", large);
        assertThat(header(deadLetters.readRecord().headers(), DeadLetters.REASON)).isEqualTo("WRONG_SHAPE");
        harness.close();

        start(OutputFormat.AS_INPUT, true);
        noisy.pipeInput("large", large);
        noisy.pipeInput("large-binary", codec.encodeFloat32(new Tensor(new int[] {56, 56}, new float[56 * 56])));
        assertThat(codec.decodeDetecting(denoised.readRecord().value()).shape()).containsExactly(DIGIT);
        assertThat(deadLetters.readRecordsToList()).extracting(TestRecord::key).containsExactly("large-binary");
    }

    /** Digit models are single-channel: a colour image reaches them as its luminance, as before colour was decoded. */
    @Test
    void shouldGiveADigitModelTheLuminanceOfAColourImage() {
        start(OutputFormat.BINARY, false);
        float[] gray = digit();
        float[] rgb = new float[3 * gray.length];
        for (int i = 0; i < gray.length; i++) {
            rgb[i] = gray[i];
            rgb[gray.length + i] = gray[i] * 0.5f;
            rgb[2 * gray.length + i] = 1f - gray[i];
        }
        float[] luminance = new float[gray.length];
        for (int i = 0; i < gray.length; i++) {
            luminance[i] = Math.round(255 * (0.299f * rgb[i] + 0.587f * rgb[gray.length + i]
                    + 0.114f * rgb[2 * gray.length + i])) / 255f;
        }
        noisy.pipeInput("colour", codec.encode(new Tensor(new int[] {3, 28, 28}, rgb), TensorFormat.PNG));
        noisy.pipeInput("luminance", codec.encodeFloat32(new Tensor(DIGIT, luminance)));

        List<TestRecord<String, byte[]>> outputs = denoised.readRecordsToList();
        assertThat(outputs).extracting(TestRecord::key).containsExactly("colour", "luminance");
        Tensor fromColour = codec.decodeDetecting(outputs.get(0).value());
        assertThat(fromColour.shape()).containsExactly(DIGIT);
        assertThat(fromColour.values()).containsExactly(codec.decodeDetecting(outputs.get(1).value()).values(),
                within(2e-3f));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private static Headers withContentType(String contentType) {
        return new RecordHeaders().add(TensorFormat.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
    }

    private static String contentType(Headers headers) {
        return header(headers, TensorFormat.CONTENT_TYPE_HEADER);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static float[] digit() {
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 28 > 10 && i % 28 < 18) ? 0.8f : 0f;
        }
        return image;
    }
}

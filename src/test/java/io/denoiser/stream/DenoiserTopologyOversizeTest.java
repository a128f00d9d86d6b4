package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input values over the byte limit, or keys over the key limit: refused before decoding, and nothing written for them
 * exceeds the limits.
 */
class DenoiserTopologyOversizeTest extends TopologyFixture {

    private static final int[] DIGIT = {28, 28};
    private static final int LIMIT = DenoiserConfig.DEFAULT_MAX_INPUT_BYTES;

    private TestOutputTopic<String, byte[]> changelog;

    /** Batches of 8, so that valid records stay buffered (and changelogged) across the driver's commits. */
    @BeforeEach
    void start() {
        start(defaults());
    }

    private DenoiserConfig defaults() {
        return DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(8, 50)))
                .modelTrust(ModelRecords.TRUST).build();
    }

    private void start(DenoiserConfig config) {
        startTopology(config, List.of(ModelRecords.cnnSeed(1, 1)));
        changelog = harness.output(DenoiserConfig.DEFAULT_APPLICATION_ID + "-"
                + new PipelineNodes("images").bufferStore() + "-changelog");
    }

    @Test
    void shouldDeadLetterA4MbTensorUnreadWithItsPayloadCutToTheLimitAndItsOriginalSize() {
        byte[] huge = codec.encodeFloat32(new Tensor(new int[] {1024, 1024}, new float[1024 * 1024]));

        noisy.pipeInput("huge", huge);

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("huge");
        assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("OVERSIZE");
        assertThat(header(letter.headers(), DeadLetters.EXCEPTION_MESSAGE))
                .contains(huge.length + " bytes", "limit of " + LIMIT);
        assertThat(header(letter.headers(), DeadLetters.ORIGINAL_SIZE)).isEqualTo(Integer.toString(huge.length));
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(huge, LIMIT));
    }

    @Test
    void shouldRefuseAValidJsonDigitWithA5MbUnknownFieldWithoutBufferingIt() {
        byte[] padded = withUnknownField(codec.encodeJson(new Tensor(DIGIT, new float[784])), 5 << 20);

        noisy.pipeInput("padded", padded);
        noisy.pipeInput("good", codec.encodeUint8(new Tensor(DIGIT, new float[784])));

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("padded");
        assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("OVERSIZE");
        assertThat(header(letter.headers(), DeadLetters.ORIGINAL_SIZE)).isEqualTo(Integer.toString(padded.length));
        assertThat(letter.value()).hasSize(LIMIT);
        assertThat(changelog.readValuesToList()).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry == null ? 0 : entry.length).isLessThan(LIMIT));
        assertThat(denoised.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterAValueOfExactlyTheLimitWhole() {
        byte[] atLimit = Arrays.copyOf("not a tensor".getBytes(StandardCharsets.UTF_8), LIMIT);

        noisy.pipeInput("at-limit", atLimit);

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("UNKNOWN_FORMAT");
        assertThat(letter.value()).isEqualTo(atLimit);
        assertThat(letter.headers().lastHeader(DeadLetters.ORIGINAL_SIZE)).isNull();
    }

    @Test
    void shouldDeadLetterAValidDigitUnderAHugeKeyWithTheKeyCutAndItsOriginalSize() {
        String hugeKey = "k".repeat(2 << 20) + "\u00e9";
        byte[] digit = codec.encodeUint8(new Tensor(DIGIT, new float[784]));

        noisy.pipeInput(hugeKey, digit);
        noisy.pipeInput("good", digit);

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("OVERSIZE");
        assertThat(header(letter.headers(), DeadLetters.ORIGINAL_KEY_SIZE)).isEqualTo(Integer.toString((2 << 20) + 2));
        assertThat(letter.key()).isEqualTo("k".repeat(DenoiserConfig.MAX_KEY_BYTES));
        assertThat(letter.value()).isEqualTo(digit);
        assertThat(changelog.readValuesToList()).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry == null ? 0 : entry.length).isLessThan(LIMIT));
        assertThat(denoised.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordWhoseOutputExceedsTheOutputLimitAndWriteNeitherOfItsOutputs() {
        harness.close();
        // A JSON digit comes back as JSON, over 3 KB; an 8-bit one as 784 bytes and a 2 KB latent vector.
        start(defaults().toBuilder().maxOutputBytes(3000).build());
        TestOutputTopic<String, byte[]> latent = harness.output(topics.latentVectors());
        byte[] json = codec.encodeJson(new Tensor(DIGIT, new float[784]));

        noisy.pipeInput("json", json);
        noisy.pipeInput("uint8", codec.encodeUint8(new Tensor(DIGIT, new float[784])));
        harness.driver.advanceWallClockTime(Duration.ofMillis(20));
        harness.driver.advanceWallClockTime(Duration.ofMillis(100));

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("json");
        assertThat(header(letter.headers(), DeadLetters.REASON)).isEqualTo("OUTPUT_OVERSIZE");
        assertThat(header(letter.headers(), DeadLetters.EXCEPTION_MESSAGE))
                .contains("denoised record of", "(json) exceeds the limit of 3000 bytes");
        assertThat(letter.value()).isEqualTo(json);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(denoised.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("uint8");
        assertThat(latent.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("uint8");
    }

    /** A JSON tensor with a {@code bytes}-long string field the reader skips. */
    private static byte[] withUnknownField(byte[] json, int bytes) {
        String text = new String(json, StandardCharsets.UTF_8);
        return ("{\"comment\":\"" + "x".repeat(bytes) + "\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

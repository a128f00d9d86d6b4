package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.LatentChoice;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What the latent topic carries: a model version's embedding with its space and hash, or the bottleneck. */
class DenoiserTopologyLatentTest extends TopologyFixture {

    private static final int[] DIGIT = {28, 28};
    private static final int DIMENSIONS = 8;
    private static final int BITS = 64;
    /** cnn-seed's bottleneck: 32 x 4 x 4. */
    private static final int BOTTLENECK = 512;

    private final ModelRecord embedded = ModelRecords.withPixelEmbedding(ModelRecords.cnnSeed(1, 1), "digits-a1",
            DIMENSIONS, BITS);

    @Test
    void shouldPublishTheEmbeddingOfTheDenoisedOutputWithItsSpaceAndHash() {
        start(embedded, LatentChoice.EMBEDDING);

        TestRecord<String, byte[]>[] outputs = denoise();

        float[] output = codec.decodeDetecting(outputs[0].value()).values();
        Tensor vector = codec.decodeDetecting(outputs[1].value());
        assertThat(vector.shape()).containsExactly(DIMENSIONS);
        assertThat(vector.values()).containsExactly(Arrays.copyOf(output, DIMENSIONS));
        assertThat(text(outputs[1].headers(), OutputHeaders.LATENT_SPACE)).isEqualTo("digits-a1");
        byte[] hash = outputs[1].headers().lastHeader(OutputHeaders.LATENT_HASH).value();
        assertThat(hash).hasSize(8);
        assertThat(ModelRecords.pixelHash(output, BITS)).as("a digit whose hash has both kinds of bits")
                .isNotIn(0L, -1L);
        assertThat(ByteBuffer.wrap(hash).getLong()).isEqualTo(ModelRecords.pixelHash(output, BITS));
        assertThat(outputs[0].headers().lastHeader(OutputHeaders.LATENT_SPACE))
                .as("the denoised record names no space").isNull();
    }

    @Test
    void shouldPublishTheBottleneckWithoutSpaceOrHashForAModelWithoutAnEmbedding() {
        start(ModelRecords.cnnSeed(1, 1), LatentChoice.EMBEDDING);
        assertBottleneck(denoise()[1]);
    }

    @Test
    void shouldPublishTheBottleneckWhenThePipelineAsksForIt() {
        start(embedded, LatentChoice.BOTTLENECK);
        assertBottleneck(denoise()[1]);
    }

    @Test
    void shouldSwitchToTheEmbeddingWhenANewVersionBringsOne() {
        start(ModelRecords.cnnSeed(1, 1), LatentChoice.EMBEDDING);
        assertBottleneck(denoise()[1]);

        models.pipeInput("cnn-seed", ModelRecords.signed(ModelRecords.withPixelEmbedding(ModelRecords.cnnSeed(2, 1),
                "digits-a1", DIMENSIONS, BITS)));

        TestRecord<String, byte[]> vector = denoise()[1];
        assertThat(OutputHeaders.modelVersion(vector.headers())).isEqualTo(2);
        assertThat(codec.decodeDetecting(vector.value()).shape()).containsExactly(DIMENSIONS);
        assertThat(text(vector.headers(), OutputHeaders.LATENT_SPACE)).isEqualTo("digits-a1");
    }

    private void start(ModelRecord model, LatentChoice choice) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(1, 50).withLatent(choice)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(config, List.of(model));
    }

    /** One float32 digit through the pipeline: its denoised record (float32 too) and its latent record. */
    @SuppressWarnings("unchecked")
    private TestRecord<String, byte[]>[] denoise() {
        float[] digit = new float[28 * 28];
        for (int i = 0; i < digit.length; i++) {
            digit[i] = (i * 37 % 101) / 100f;
        }
        noisy.pipeInput("digit", codec.encodeFloat32(new Tensor(DIGIT, digit)));
        return new TestRecord[] {denoised.readRecord(), latent.readRecord()};
    }

    private void assertBottleneck(TestRecord<String, byte[]> vector) {
        assertThat(codec.decodeDetecting(vector.value()).shape()).containsExactly(BOTTLENECK);
        assertThat(vector.headers().lastHeader(OutputHeaders.LATENT_SPACE)).isNull();
        assertThat(vector.headers().lastHeader(OutputHeaders.LATENT_HASH)).isNull();
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

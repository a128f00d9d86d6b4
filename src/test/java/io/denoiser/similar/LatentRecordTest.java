package io.denoiser.similar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.stream.OutputHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LatentRecordTest {

    private final TensorCodec codec = new TensorCodec(WideHnswVectorsFormat.MAX_DIMENSIONS);

    @Test
    void shouldTakeTheSpaceHeaderAndTheSemanticHashWhenPresent() {
        RecordHeaders headers = modelHeaders("unet", 4);
        headers.add(OutputHeaders.LATENT_SPACE, "digits-2026".getBytes(StandardCharsets.UTF_8));
        headers.add(OutputHeaders.LATENT_HASH, ByteBuffer.allocate(8).putLong(0x0123456789abcdefL).array());

        LatentRecord record = LatentRecord.of(record("k", codec.encodeFloat32(vector(1, 2, 3)), headers), codec);

        assertThat(record.space()).isEqualTo("digits-2026");
        assertThat(record.hash()).hasValue(0x0123456789abcdefL);
        assertThat(record.model()).isEqualTo("unet");
        assertThat(record.version()).isEqualTo(4);
        assertThat(record.vector()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldMakeEachModelVersionItsOwnSpaceWithoutASpaceHeader() {
        LatentRecord record = LatentRecord.of(record("k", codec.encodeJson(vector(0.5f, 0)), modelHeaders("lstm", 2)), codec);

        assertThat(record.space()).isEqualTo("lstm@2");
        assertThat(record.hash()).isEmpty();
        assertThat(record.vector()).containsExactly(0.5f, 0);
    }

    @Test
    void shouldRefuseRecordsItCannotCompare() {
        assertThatThrownBy(() -> LatentRecord.of(record("k", codec.encodeFloat32(vector(1)), new RecordHeaders()), codec))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> LatentRecord.of(record("k", "junk".getBytes(StandardCharsets.UTF_8),
                modelHeaders("unet", 1)), codec)).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> LatentRecord.of(record("k", codec.encodeFloat32(vector(0, 0)), modelHeaders("unet", 1)),
                codec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
    }

    private static Tensor vector(float... values) {
        return new Tensor(new int[] {values.length}, values);
    }

    private static RecordHeaders modelHeaders(String model, long version) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OutputHeaders.MODEL_NAME, model.getBytes(StandardCharsets.UTF_8));
        headers.add(OutputHeaders.MODEL_VERSION, Long.toString(version).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("denoiser.images.latent", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, key, value,
                headers, Optional.empty());
    }
}

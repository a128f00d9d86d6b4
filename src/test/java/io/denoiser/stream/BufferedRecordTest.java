package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BufferedRecordTest {

    @Test
    void shouldReadBackWhatItWritesWithAndWithoutKeyAndContentType() {
        BufferedRecord full = new BufferedRecord("key", new byte[] {1, 2}, 7L, "topic", 2, 9L, "image/png");
        BufferedRecord bare = new BufferedRecord(null, new byte[] {3}, 8L, "topic", 0, 1L, null);

        assertThat(BufferedRecord.fromBytes(full.toBytes())).usingRecursiveComparison().isEqualTo(full);
        assertThat(BufferedRecord.fromBytes(bare.toBytes())).usingRecursiveComparison().isEqualTo(bare);
    }

    @Test
    void shouldReadAnEntryWrittenBeforeContentTypesWereKeptAsHavingNone() {
        byte[] topic = "topic".getBytes(StandardCharsets.UTF_8);
        byte[] old = ByteBuffer.allocate(1 + 4 + 1 + 4 + 2 + 8 + 4 + topic.length + 4 + 8)
                .put((byte) 1).putInt(1).put((byte) 'k').putInt(2).put(new byte[] {4, 5}).putLong(3L)
                .putInt(topic.length).put(topic).putInt(1).putLong(42L).array();

        assertThat(BufferedRecord.fromBytes(old)).usingRecursiveComparison()
                .isEqualTo(new BufferedRecord("k", new byte[] {4, 5}, 3L, "topic", 1, 42L, null));
    }
}

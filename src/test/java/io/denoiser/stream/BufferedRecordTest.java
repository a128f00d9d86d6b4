package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class BufferedRecordTest {

    private static final byte[] TOPIC = "topic".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReadBackWhatItWritesWithAndWithoutKeyAndHeaders() {
        List<Header> headers = List.of(header("content-type", "image/png"), header("traceparent", "00-ab-cd-01"),
                new RecordHeader("empty", null), header("traceparent", "second"));
        BufferedRecord full = new BufferedRecord("key", new byte[] {1, 2}, 7L, "topic", 2, 9L, headers);
        BufferedRecord bare = new BufferedRecord(null, new byte[] {3}, 8L, "topic", 0, 1L, List.of());

        BufferedRecord read = BufferedRecord.fromBytes(full.toBytes());

        assertThat(read).usingRecursiveComparison().isEqualTo(full);
        assertThat(read.contentType()).isEqualTo("image/png");
        assertThat(BufferedRecord.fromBytes(bare.toBytes())).usingRecursiveComparison().isEqualTo(bare);
        assertThat(bare.contentType()).isNull();
    }

    @Test
    void shouldReadAnEntryWrittenBeforeContentTypesWereKeptAsHavingNoHeaders() {
        byte[] old = oldEntry((byte) 1, 0).array();

        assertThat(BufferedRecord.fromBytes(old)).usingRecursiveComparison()
                .isEqualTo(new BufferedRecord("k", new byte[] {4, 5}, 3L, "topic", 1, 42L, List.of()));
    }

    @Test
    void shouldReadAnEntryWrittenWithItsContentTypeAloneAsHavingThatHeader() {
        byte[] type = "application/json".getBytes(StandardCharsets.UTF_8);
        byte[] old = oldEntry((byte) 3, 4 + type.length).putInt(type.length).put(type).array();

        BufferedRecord read = BufferedRecord.fromBytes(old);

        assertThat(read.headers()).containsExactly(header("content-type", "application/json"));
        assertThat(read.contentType()).isEqualTo("application/json");
    }

    /** An entry as versions before headers were kept wrote it, with room for {@code extra} bytes after it. */
    private static ByteBuffer oldEntry(byte flags, int extra) {
        return ByteBuffer.allocate(1 + 4 + 1 + 4 + 2 + 8 + 4 + TOPIC.length + 4 + 8 + extra)
                .put(flags).putInt(1).put((byte) 'k').putInt(2).put(new byte[] {4, 5}).putLong(3L)
                .putInt(TOPIC.length).put(TOPIC).putInt(1).putLong(42L);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

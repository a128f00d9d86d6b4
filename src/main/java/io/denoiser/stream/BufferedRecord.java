package io.denoiser.stream;

import io.denoiser.codec.TensorFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A valid input record waiting in a pipeline's batch buffer, with what its outputs and a possible dead
 * letter need: key, value, timestamp and where it came from, and the content type it was sent with, since
 * a format named only by that header must decode the same way when the record is restored after a crash.
 *
 * @param contentType the value of the input's content-type header, or null when it had none
 */
record BufferedRecord(String key, byte[] value, long timestamp, String topic, int partition, long offset,
                      String contentType) {

    private static final byte HAS_KEY = 1;
    /** Absent from entries written before content types were kept, which read as having none. */
    private static final byte HAS_CONTENT_TYPE = 2;

    /** The record {@code process()} received, from {@code source}. */
    static BufferedRecord arrived(Record<String, byte[]> record, RecordMetadata source) {
        Header contentType = record.headers().lastHeader(TensorFormat.CONTENT_TYPE_HEADER);
        return new BufferedRecord(record.key(), record.value(), record.timestamp(), source.topic(), source.partition(),
                source.offset(), contentType == null ? null : new String(contentType.value(), StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
        byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] typeBytes = contentType == null ? new byte[0] : contentType.getBytes(StandardCharsets.UTF_8);
        byte flags = (byte) ((key == null ? 0 : HAS_KEY) | (contentType == null ? 0 : HAS_CONTENT_TYPE));
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + keyBytes.length + 4 + value.length + 8 + 4 + topicBytes.length
                        + 4 + 8 + (contentType == null ? 0 : 4 + typeBytes.length))
                .put(flags).putInt(keyBytes.length).put(keyBytes)
                .putInt(value.length).put(value).putLong(timestamp)
                .putInt(topicBytes.length).put(topicBytes).putInt(partition).putLong(offset);
        if (contentType != null) {
            buffer.putInt(typeBytes.length).put(typeBytes);
        }
        return buffer.array();
    }

    /** Reads what {@link #toBytes()} wrote; the bytes come from this application's own changelog. */
    static BufferedRecord fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte flags = buffer.get();
        String key = new String(take(buffer), StandardCharsets.UTF_8);
        byte[] value = take(buffer);
        long timestamp = buffer.getLong();
        String topic = new String(take(buffer), StandardCharsets.UTF_8);
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        String contentType = (flags & HAS_CONTENT_TYPE) == 0 ? null : new String(take(buffer), StandardCharsets.UTF_8);
        return new BufferedRecord((flags & HAS_KEY) == 0 ? null : key, value, timestamp, topic, partition, offset,
                contentType);
    }

    private static byte[] take(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }
}

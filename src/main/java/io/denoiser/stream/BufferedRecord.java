package io.denoiser.stream;

import io.denoiser.codec.TensorFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A valid input record waiting in a pipeline's batch buffer, with what its outputs and a possible dead
 * letter need: key, value, timestamp and where it came from, and the headers it was sent with, since a
 * format named only by its content-type header must decode the same way when the record is restored after
 * a crash, and its other headers pass on to its outputs.
 *
 * @param headers the input's {@link PassedHeaders}, content type included
 */
record BufferedRecord(String key, byte[] value, long timestamp, String topic, int partition, long offset,
                      List<Header> headers) {

    private static final byte HAS_KEY = 1;
    /** Entries written before headers were kept: the content type alone, as a length-prefixed string. */
    private static final byte HAS_CONTENT_TYPE = 2;
    /** Entries that end with the headers: a count, then each name and value (length -1 for a null value). */
    private static final byte HAS_HEADERS = 4;

    /** The record {@code process()} received, from {@code source}. */
    static BufferedRecord arrived(Record<String, byte[]> record, RecordMetadata source) {
        return new BufferedRecord(record.key(), record.value(), record.timestamp(), source.topic(), source.partition(),
                source.offset(), PassedHeaders.of(record.headers()));
    }

    /** The value of the input's content-type header, or null when it had none. */
    String contentType() {
        return PassedHeaders.lastValue(headers, TensorFormat.CONTENT_TYPE_HEADER);
    }

    byte[] toBytes() {
        byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        List<byte[]> names = headers.stream().map(h -> h.key().getBytes(StandardCharsets.UTF_8)).toList();
        int headerBytes = 4;
        for (int i = 0; i < headers.size(); i++) {
            byte[] headerValue = headers.get(i).value();
            headerBytes += 4 + names.get(i).length + 4 + (headerValue == null ? 0 : headerValue.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + keyBytes.length + 4 + value.length + 8 + 4 + topicBytes.length
                        + 4 + 8 + headerBytes)
                .put((byte) ((key == null ? 0 : HAS_KEY) | HAS_HEADERS)).putInt(keyBytes.length).put(keyBytes)
                .putInt(value.length).put(value).putLong(timestamp)
                .putInt(topicBytes.length).put(topicBytes).putInt(partition).putLong(offset)
                .putInt(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            byte[] headerValue = headers.get(i).value();
            buffer.putInt(names.get(i).length).put(names.get(i));
            buffer.putInt(headerValue == null ? -1 : headerValue.length).put(headerValue == null ? new byte[0] : headerValue);
        }
        return buffer.array();
    }

    /** Reads what {@link #toBytes()} wrote, and what earlier versions wrote; the bytes come from this application's own changelog. */
    static BufferedRecord fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte flags = buffer.get();
        String key = new String(take(buffer), StandardCharsets.UTF_8);
        byte[] value = take(buffer);
        long timestamp = buffer.getLong();
        String topic = new String(take(buffer), StandardCharsets.UTF_8);
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        List<Header> headers = (flags & HAS_HEADERS) != 0 ? takeHeaders(buffer)
                : (flags & HAS_CONTENT_TYPE) != 0 ? List.of(new RecordHeader(TensorFormat.CONTENT_TYPE_HEADER, take(buffer)))
                : List.of();
        return new BufferedRecord((flags & HAS_KEY) == 0 ? null : key, value, timestamp, topic, partition, offset,
                headers);
    }

    private static List<Header> takeHeaders(ByteBuffer buffer) {
        int count = buffer.getInt();
        List<Header> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = new String(take(buffer), StandardCharsets.UTF_8);
            int length = buffer.getInt();
            byte[] headerValue = length < 0 ? null : new byte[length];
            if (headerValue != null) {
                buffer.get(headerValue);
            }
            headers.add(new RecordHeader(name, headerValue));
        }
        return List.copyOf(headers);
    }

    private static byte[] take(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }
}

package io.denoiser.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A valid input record waiting in a pipeline's batch buffer, with what its outputs and a possible dead
 * letter need: key, value, timestamp and where it came from.
 */
record BufferedRecord(String key, byte[] value, long timestamp, String topic, int partition, long offset) {

    byte[] toBytes() {
        byte[] keyBytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + keyBytes.length + 4 + value.length + 8 + 4 + topicBytes.length + 4 + 8)
                .put((byte) (key == null ? 0 : 1)).putInt(keyBytes.length).put(keyBytes)
                .putInt(value.length).put(value).putLong(timestamp)
                .putInt(topicBytes.length).put(topicBytes).putInt(partition).putLong(offset).array();
    }

    /** Reads what {@link #toBytes()} wrote; the bytes come from this application's own changelog. */
    static BufferedRecord fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        boolean hasKey = buffer.get() == 1;
        String key = new String(take(buffer), StandardCharsets.UTF_8);
        byte[] value = take(buffer);
        long timestamp = buffer.getLong();
        String topic = new String(take(buffer), StandardCharsets.UTF_8);
        return new BufferedRecord(hasKey ? key : null, value, timestamp, topic, buffer.getInt(), buffer.getLong());
    }

    private static byte[] take(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }
}

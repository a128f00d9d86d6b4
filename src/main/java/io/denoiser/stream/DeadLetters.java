package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * Header names and values that explain why a record landed in the dead-letter topic, and the key and payload
 * it carries there: the input's, cut to the key and input byte limits so that a dead letter always fits its topic.
 * The cause and the source are told twice: under the {@code denoiser.dlq.*} names first written, and under
 * Kafka Streams' own dead-letter names (KIP-1034), so that tools reading Kafka Streams' dead letters read ours.
 */
final class DeadLetters {

    static final String REASON = "denoiser.dlq.reason";
    static final String EXCEPTION_CLASS = "denoiser.dlq.exception.class";
    static final String EXCEPTION_MESSAGE = "denoiser.dlq.exception.message";
    static final String SOURCE_TOPIC = "denoiser.dlq.source.topic";
    static final String SOURCE_PARTITION = "denoiser.dlq.source.partition";
    static final String SOURCE_OFFSET = "denoiser.dlq.source.offset";
    static final String PIPELINE = "denoiser.dlq.pipeline";
    /** Present only on a cut payload: the input value's size in bytes. */
    static final String ORIGINAL_SIZE = "denoiser.dlq.original.size";
    /** Present only on a cut key: the input key's size in UTF-8 bytes. */
    static final String ORIGINAL_KEY_SIZE = "denoiser.dlq.original.key.size";
    /** Messages may quote the input; this much says what went wrong and keeps the headers small. */
    static final int MAX_MESSAGE_CHARS = 1000;
    /** Enough for the frames that matter; the rest of a dead letter's room is for its key and input headers. */
    static final int MAX_STACKTRACE_CHARS = 8000;

    private DeadLetters() {
    }

    static void describe(Headers headers, String reason, Exception cause, String topic, int partition, long offset,
                         String pipeline) {
        String message = cut(String.valueOf(cause.getMessage()), MAX_MESSAGE_CHARS);
        put(headers, REASON, reason);
        put(headers, PIPELINE, pipeline);
        put(headers, EXCEPTION_CLASS, cause.getClass().getName());
        put(headers, EXCEPTION_MESSAGE, message);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, cause.getClass().getName());
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, message);
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME, cut(stackTrace(cause), MAX_STACKTRACE_CHARS));
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME, topic);
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, Integer.toString(partition));
        put(headers, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME, Long.toString(offset));
    }

    private static String stackTrace(Exception cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static String cut(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }

    /** {@code value} whole if it has at most {@code maxBytes}, else its first {@code maxBytes} and its size in a header. */
    static byte[] payload(byte[] value, int maxBytes, Headers headers) {
        if (value == null || value.length <= maxBytes) {
            return value;
        }
        put(headers, ORIGINAL_SIZE, Integer.toString(value.length));
        return Arrays.copyOf(value, maxBytes);
    }

    /**
     * {@code key} whole if it has at most {@link DenoiserConfig#MAX_KEY_BYTES} UTF-8 bytes, else its longest
     * prefix of whole characters within them and its size in a header.
     */
    static String key(String key, Headers headers) {
        if (key == null || utf8Length(key) <= DenoiserConfig.MAX_KEY_BYTES) {
            return key;
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        put(headers, ORIGINAL_KEY_SIZE, Integer.toString(bytes.length));
        int end = DenoiserConfig.MAX_KEY_BYTES;
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** The UTF-8 size of {@code text}, counted without encoding it: a key may be megabytes. */
    static int utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

package io.denoiser.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/** Header names and values that explain why a record landed in the dead-letter topic. */
final class DeadLetters {

    static final String REASON = "denoiser.dlq.reason";
    static final String EXCEPTION_CLASS = "denoiser.dlq.exception.class";
    static final String EXCEPTION_MESSAGE = "denoiser.dlq.exception.message";
    static final String SOURCE_TOPIC = "denoiser.dlq.source.topic";
    static final String SOURCE_PARTITION = "denoiser.dlq.source.partition";
    static final String SOURCE_OFFSET = "denoiser.dlq.source.offset";
    static final String PIPELINE = "denoiser.dlq.pipeline";

    private DeadLetters() {
    }

    static void describe(Headers headers, String reason, Exception cause, String topic, int partition, long offset,
                         String pipeline) {
        put(headers, REASON, reason);
        put(headers, PIPELINE, pipeline);
        put(headers, EXCEPTION_CLASS, cause.getClass().getName());
        put(headers, EXCEPTION_MESSAGE, String.valueOf(cause.getMessage()));
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

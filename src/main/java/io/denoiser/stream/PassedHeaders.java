package io.denoiser.stream;

import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The input headers a pipeline passes on to what it writes for a record (a trace context such as
 * {@code traceparent}, a producer's own ids): all but the service's own namespaces, {@code denoiser.*} and
 * Kafka Streams' dead-letter {@code __streams.errors.*}, which only the service sets. Denoised and latent
 * records drop the input's {@code content-type} too, since they name their own; a dead letter keeps it, as it
 * carries the input's value.
 */
final class PassedHeaders {

    /** A quarter of the room a dead letter has beyond its value, as the key has: together they always fit. */
    static final int MAX_BYTES = DenoiserConfig.RECORD_OVERHEAD_BYTES / 4;
    private static final List<String> SERVICE_PREFIXES = List.of("denoiser.", "__streams.errors.");

    private PassedHeaders() {
    }

    /** The headers of {@code input} that may pass, in their order. */
    static List<Header> of(Headers input) {
        List<Header> passed = new ArrayList<>();
        for (Header header : input) {
            if (SERVICE_PREFIXES.stream().noneMatch(header.key()::startsWith)) {
                passed.add(header);
            }
        }
        return List.copyOf(passed);
    }

    /** Their size in a changelog entry: UTF-8 names and values, and two lengths each (more than Kafka's varints). */
    static int bytes(List<Header> headers) {
        long bytes = 0;
        for (Header header : headers) {
            bytes += 8 + DeadLetters.utf8Length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    /** The start of a denoised or latent record's headers: the passed ones but the input's content type. */
    static Headers forOutput(List<Header> passed) {
        Headers headers = new RecordHeaders();
        for (Header header : passed) {
            if (!header.key().equals(TensorFormat.CONTENT_TYPE_HEADER)) {
                headers.add(header);
            }
        }
        return headers;
    }

    /** The start of a dead letter's headers: the passed ones, or none when they are over the limit. */
    static Headers forDeadLetter(List<Header> passed) {
        return bytes(passed) > MAX_BYTES ? new RecordHeaders() : new RecordHeaders(passed);
    }

    /** The last value of {@code name} among {@code headers}, as UTF-8, or null. */
    static String lastValue(List<Header> headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                byte[] value = headers.get(i).value();
                return value == null ? null : new String(value, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

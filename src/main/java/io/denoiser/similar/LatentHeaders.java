package io.denoiser.similar;

import io.denoiser.stream.OutputHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How {@code similar} reads the latent record headers the denoiser writes, named in {@link OutputHeaders}; the
 * space and semantic hash come with a model version's embedding and are read when present.
 */
final class LatentHeaders {

    private LatentHeaders() {
    }

    static String modelName(Headers headers) {
        return text(headers, OutputHeaders.MODEL_NAME);
    }

    /** The model version, or -1 when the record carries none. */
    static long modelVersion(Headers headers) {
        return OutputHeaders.modelVersion(headers);
    }

    /**
     * The record's space: its space header, or without one {@code <model>@<version>}, so that each model version
     * is a space of its own and a model swap starts a new one.
     */
    static String space(Headers headers) {
        String space = text(headers, OutputHeaders.LATENT_SPACE);
        return space != null && !space.isBlank() ? space : modelName(headers) + "@" + modelVersion(headers);
    }

    static OptionalLong hash(Headers headers) {
        Header header = headers.lastHeader(OutputHeaders.LATENT_HASH);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? OptionalLong.empty()
                : OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

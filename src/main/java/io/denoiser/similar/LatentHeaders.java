package io.denoiser.similar;

import io.denoiser.stream.OutputHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The latent record headers {@code similar} reads, their names in one place. The model's name and version are the
 * denoiser's {@link OutputHeaders}; the space and semantic hash are the stable-space headers, read when present.
 */
final class LatentHeaders {

    /** A space id: vectors of one space are comparable, across model versions too. */
    static final String SPACE = "denoiser.latent.space";
    /** A 64-bit semantic hash of the vector, 8 bytes big-endian. */
    static final String HASH = "denoiser.latent.hash";

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
        String space = text(headers, SPACE);
        return space != null && !space.isBlank() ? space : modelName(headers) + "@" + modelVersion(headers);
    }

    static OptionalLong hash(Headers headers) {
        Header header = headers.lastHeader(HASH);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? OptionalLong.empty()
                : OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

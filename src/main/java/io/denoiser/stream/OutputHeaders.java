package io.denoiser.stream;

import io.denoiser.codec.TensorFormat;
import io.denoiser.model.Latent;
import io.denoiser.model.ModelMetadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;

/**
 * Headers every denoised and latent record carries: its content type, which model produced it, in which pipeline, how long
 * inference took, and the reconstruction error (mean squared difference between the noisy input and the
 * output), a free anomaly score for downstream users; they follow the input headers passed on. A latent record
 * that carries the model version's embedding also names its space and carries its semantic hash.
 */
public record OutputHeaders(ModelMetadata model, String pipeline, long inferenceNanos, double reconstructionError) {

    public static final String MODEL_NAME = "denoiser.model.name";
    public static final String MODEL_VERSION = "denoiser.model.version";
    public static final String PIPELINE = "denoiser.pipeline";
    public static final String INFERENCE_MS = "denoiser.inference.ms";
    public static final String RECONSTRUCTION_ERROR = "denoiser.reconstruction.error";
    /** A space id: vectors of one space are comparable, across model versions too. */
    public static final String LATENT_SPACE = "denoiser.latent.space";
    /** A 64-bit semantic hash of the vector, 8 bytes big-endian; bit k (1L << k) is hash projection k's sign. */
    public static final String LATENT_HASH = "denoiser.latent.hash";

    /** Adds these headers to {@code headers}, after the input's it holds, and returns it. */
    Headers addTo(Headers headers, TensorFormat format) {
        add(headers, TensorFormat.CONTENT_TYPE_HEADER, format.contentType());
        add(headers, MODEL_NAME, model.name());
        add(headers, MODEL_VERSION, Long.toString(model.version()));
        add(headers, PIPELINE, pipeline);
        add(headers, INFERENCE_MS, String.format(Locale.ROOT, "%.3f", inferenceNanos / 1e6));
        add(headers, RECONSTRUCTION_ERROR, String.format(Locale.ROOT, "%.6g", reconstructionError));
        return headers;
    }

    /** As {@link #addTo}, for a latent record carrying {@code latent}: an embedding's also name its space and hash. */
    Headers addLatentTo(Headers headers, TensorFormat format, Latent latent) {
        addTo(headers, format);
        if (latent.embedded()) {
            add(headers, LATENT_SPACE, latent.space());
            headers.add(LATENT_HASH, ByteBuffer.allocate(Long.BYTES).putLong(latent.hash()).array());
        }
        return headers;
    }

    /** The model version a record was produced with, or -1 if it carries none. */
    public static long modelVersion(Headers headers) {
        var header = headers.lastHeader(MODEL_VERSION);
        return header == null ? -1 : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}

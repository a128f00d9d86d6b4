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
public final class OutputHeaders {

    public static final String MODEL_NAME = "denoiser.model.name";
    public static final String MODEL_VERSION = "denoiser.model.version";
    public static final String PIPELINE = "denoiser.pipeline";
    public static final String INFERENCE_MS = "denoiser.inference.ms";
    public static final String RECONSTRUCTION_ERROR = "denoiser.reconstruction.error";
    /** A space id: vectors of one space are comparable, across model versions too. */
    public static final String LATENT_SPACE = "denoiser.latent.space";
    /** A 64-bit semantic hash of the vector, 8 bytes big-endian; bit k (1L << k) is hash projection k's sign. */
    public static final String LATENT_HASH = "denoiser.latent.hash";

    private final byte[] modelName;
    private final byte[] modelVersion;
    private final byte[] pipeline;
    private final byte[] inferenceMs;
    private final byte[] reconstructionError;

    /**
     * The values are encoded once here for both records of an input: formatting them for each record took a
     * tenth of the stream thread's time at full load.
     */
    OutputHeaders(ModelMetadata model, String pipeline, long inferenceNanos, double reconstructionError) {
        this.modelName = utf8(model.name());
        this.modelVersion = utf8(Long.toString(model.version()));
        this.pipeline = utf8(pipeline);
        this.inferenceMs = utf8(milliseconds(inferenceNanos));
        this.reconstructionError = utf8(String.format(Locale.ROOT, "%.6g", reconstructionError));
    }

    /** Adds these headers to {@code headers}, after the input's it holds, and returns it. */
    Headers addTo(Headers headers, TensorFormat format) {
        headers.add(TensorFormat.CONTENT_TYPE_HEADER, utf8(format.contentType()));
        headers.add(MODEL_NAME, modelName);
        headers.add(MODEL_VERSION, modelVersion);
        headers.add(PIPELINE, pipeline);
        headers.add(INFERENCE_MS, inferenceMs);
        headers.add(RECONSTRUCTION_ERROR, reconstructionError);
        return headers;
    }

    /** {@code nanos} in milliseconds with three decimals, as {@code %.3f} writes a non-negative value. */
    static String milliseconds(long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        return micros / 1000 + "." + Long.toString(1000 + micros % 1000).substring(1);
    }

    /** As {@link #addTo}, for a latent record carrying {@code latent}: an embedding's also name its space and hash. */
    Headers addLatentTo(Headers headers, TensorFormat format, Latent latent) {
        addTo(headers, format);
        if (latent.embedded()) {
            headers.add(LATENT_SPACE, utf8(latent.space()));
            headers.add(LATENT_HASH, ByteBuffer.allocate(Long.BYTES).putLong(latent.hash()).array());
        }
        return headers;
    }

    /** The model version a record was produced with, or -1 if it carries none. */
    public static long modelVersion(Headers headers) {
        var header = headers.lastHeader(MODEL_VERSION);
        return header == null ? -1 : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

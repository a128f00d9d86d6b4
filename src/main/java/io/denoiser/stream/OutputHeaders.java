package io.denoiser.stream;

import io.denoiser.codec.TensorFormat;
import io.denoiser.model.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers every denoised and latent record carries: its content type, which model produced it, in which pipeline, how long
 * inference took, and the reconstruction error (mean squared difference between the noisy input and the
 * output), a free anomaly score for downstream users.
 */
public record OutputHeaders(ModelMetadata model, String pipeline, long inferenceNanos, double reconstructionError) {

    public static final String MODEL_NAME = "denoiser.model.name";
    public static final String MODEL_VERSION = "denoiser.model.version";
    public static final String PIPELINE = "denoiser.pipeline";
    public static final String INFERENCE_MS = "denoiser.inference.ms";
    public static final String RECONSTRUCTION_ERROR = "denoiser.reconstruction.error";

    Headers toHeaders(TensorFormat format) {
        Headers headers = new RecordHeaders();
        add(headers, TensorFormat.CONTENT_TYPE_HEADER, format.contentType());
        add(headers, MODEL_NAME, model.name());
        add(headers, MODEL_VERSION, Long.toString(model.version()));
        add(headers, PIPELINE, pipeline);
        add(headers, INFERENCE_MS, String.format(Locale.ROOT, "%.3f", inferenceNanos / 1e6));
        add(headers, RECONSTRUCTION_ERROR, String.format(Locale.ROOT, "%.6g", reconstructionError));
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

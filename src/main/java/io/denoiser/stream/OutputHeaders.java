package io.denoiser.stream;

import io.denoiser.model.ModelMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Headers every denoised and latent record carries, so consumers know which model produced it. */
public final class OutputHeaders {

    public static final String MODEL_NAME = "denoiser.model.name";
    public static final String MODEL_VERSION = "denoiser.model.version";

    private OutputHeaders() {
    }

    static Headers forModel(ModelMetadata model) {
        Headers headers = new RecordHeaders();
        headers.add(MODEL_NAME, model.name().getBytes(StandardCharsets.UTF_8));
        headers.add(MODEL_VERSION, Long.toString(model.version()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The model version a record was produced with, or -1 if it carries none. */
    public static long modelVersion(Headers headers) {
        var header = headers.lastHeader(MODEL_VERSION);
        return header == null ? -1 : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
    }
}

package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.util.Locale;

/** How a tensor is written in a record value. */
public enum TensorFormat {
    BINARY("application/x-denoiser-tensor"),
    JSON("application/json");

    private final String contentType;

    TensorFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Recognises the binary magic or a JSON object. */
    public static TensorFormat detect(byte[] bytes) {
        if (bytes.length >= TensorCodec.MAGIC.length && bytes[0] == TensorCodec.MAGIC[0] && bytes[1] == TensorCodec.MAGIC[1]
                && bytes[2] == TensorCodec.MAGIC[2] && bytes[3] == TensorCodec.MAGIC[3]) {
            return BINARY;
        }
        for (byte b : bytes) {
            if (b == '{') {
                return JSON;
            }
            if (!Character.isWhitespace(b)) {
                break;
            }
        }
        throw new InvalidRecordException(Reason.UNKNOWN_FORMAT, "neither a binary tensor nor a JSON object");
    }

    public static TensorFormat fromContentType(String contentType) {
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (TensorFormat format : values()) {
            if (format.contentType.equals(type)) {
                return format;
            }
        }
        throw new InvalidRecordException(Reason.UNKNOWN_FORMAT, "unsupported content type '" + contentType + "'");
    }
}

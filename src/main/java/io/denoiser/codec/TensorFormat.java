package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.util.Locale;

/** How a tensor is written in a record value, and the content type that names it in a header. */
public enum TensorFormat {
    BINARY("application/x-denoiser-tensor", null),
    JSON("application/json", null),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg");

    /** Record header naming the value's format; when absent the format is detected from the bytes. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final String contentType;
    private final String imageFormatName;

    TensorFormat(String contentType, String imageFormatName) {
        this.contentType = contentType;
        this.imageFormatName = imageFormatName;
    }

    public String contentType() {
        return contentType;
    }

    /** True for PNG and JPEG: pictures of grayscale {@code [H, W]} or RGB {@code [3, H, W]} tensors. */
    public boolean isImage() {
        return imageFormatName != null;
    }

    String imageFormatName() {
        return imageFormatName;
    }

    /** Recognises the binary magic, the PNG signature, the JPEG start of image, or a JSON object. */
    public static TensorFormat detect(byte[] bytes) {
        if (startsWith(bytes, TensorCodec.MAGIC)) {
            return BINARY;
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(bytes, JPEG_START)) {
            return JPEG;
        }
        for (byte b : bytes) {
            if (b == '{') {
                return JSON;
            }
            if (!Character.isWhitespace(b)) {
                break;
            }
        }
        throw new InvalidRecordException(Reason.UNKNOWN_FORMAT,
                "neither a binary tensor, a PNG or JPEG image, nor a JSON object");
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

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

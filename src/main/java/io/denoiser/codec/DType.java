package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;

/** Element types of the binary tensor format, with their one-byte wire codes. */
public enum DType {
    UINT8(1, 1),
    FLOAT32(2, 4);

    private final int code;
    private final int width;

    DType(int code, int width) {
        this.code = code;
        this.width = width;
    }

    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int width() {
        return width;
    }

    static DType fromCode(int code) {
        for (DType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new InvalidRecordException(Reason.WRONG_DTYPE, "unknown dtype code " + code);
    }
}

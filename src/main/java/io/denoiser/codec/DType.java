package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.nio.ByteOrder;

/**
 * Element types of the binary tensor format, with their one-byte wire codes. float32 comes in both byte
 * orders: big-endian as the format was first written, little-endian as numpy's {@code tobytes()} gives it.
 */
public enum DType {
    UINT8(1, 1, ByteOrder.BIG_ENDIAN),
    FLOAT32(2, 4, ByteOrder.BIG_ENDIAN),
    FLOAT32_LE(3, 4, ByteOrder.LITTLE_ENDIAN);

    private final int code;
    private final int width;
    private final ByteOrder order;

    DType(int code, int width, ByteOrder order) {
        this.code = code;
        this.width = width;
        this.order = order;
    }

    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int width() {
        return width;
    }

    /** The byte order of the payload's floats; the header's dimensions are big-endian whatever the dtype. */
    ByteOrder order() {
        return order;
    }

    /** The float32 type in this type's byte order: how values of a record of this type are answered at full precision. */
    public DType float32() {
        return order == ByteOrder.LITTLE_ENDIAN ? FLOAT32_LE : FLOAT32;
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

package io.denoiser.codec;

import io.denoiser.codec.InvalidRecordException.Reason;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads and writes tensors in the binary format (layout in {@code topics/FORMATS.md}), in JSON, and as PNG
 * or JPEG images (grayscale {@code [H, W]}, colour channel-first {@code [3, H, W]}).
 * Record values are untrusted: every declared size is checked against {@code maxElements} and against
 * the bytes present before anything is allocated.
 *
 * <pre>
 * "DNT1" | dtype u8 (1 = uint8, 2 = float32 big-endian, 3 = float32 little-endian) | rank u8 (1..4)
 *        | rank x int32 dims (big-endian) | payload
 * </pre>
 */
public final class TensorCodec {

    static final byte[] MAGIC = {'D', 'N', 'T', '1'};
    static final int MAX_RANK = 4;
    private static final int HEADER = MAGIC.length + 2;

    private final long maxElements;
    private final JsonTensorReader json;
    private final ImageCodec images;

    public TensorCodec(long maxElements) {
        this.maxElements = maxElements;
        this.json = new JsonTensorReader(maxElements);
        this.images = new ImageCodec(maxElements);
    }

    /** The format a record's content-type header names, or, without one, the format its bytes show. */
    public static TensorFormat formatOf(byte[] bytes, String contentType) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "empty record value");
        }
        return contentType == null ? TensorFormat.detect(bytes) : TensorFormat.fromContentType(contentType);
    }

    /** The element type of a binary tensor that {@link #decode} read, so that it can be answered in kind. */
    public static DType binaryType(byte[] bytes) {
        return DType.fromCode(bytes[MAGIC.length] & 0xff);
    }

    public Tensor decodeDetecting(byte[] bytes) {
        return decode(bytes, formatOf(bytes, null));
    }

    /**
     * As {@link #decodeDetecting}, with a colour PNG or JPEG reduced to its {@link Luminance}: what readers of
     * single-channel images of one fixed shape (the digit models' trainer) took before colour was decoded.
     */
    public Tensor decodeDetectingGrayscale(byte[] bytes) {
        TensorFormat format = formatOf(bytes, null);
        Tensor tensor = decode(bytes, format);
        return format.isImage() && Luminance.isColour(tensor) ? Luminance.of(tensor) : tensor;
    }

    public Tensor decode(byte[] bytes, TensorFormat format) {
        Tensor tensor = switch (format) {
            case BINARY -> decodeBinary(bytes);
            case JSON -> json.read(bytes);
            case PNG, JPEG -> images.decode(bytes, format);
        };
        requireFinite(tensor.values());
        return tensor;
    }

    private Tensor decodeBinary(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "binary tensor truncated: " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        DType type = DType.fromCode(buffer.get() & 0xff);
        int rank = buffer.get() & 0xff;
        if (rank < 1 || rank > MAX_RANK || buffer.remaining() < 4 * rank) {
            throw new InvalidRecordException(Reason.WRONG_SHAPE, "rank " + rank + " unsupported or truncated");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = buffer.getInt();
        }
        long count = checkedElementCount(shape, maxElements);
        if (count * type.width() != buffer.remaining()) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "shape " + Arrays.toString(shape) + " of " + type
                    + " needs " + count * type.width() + " payload bytes, found " + buffer.remaining());
        }
        float[] values = new float[(int) count];
        if (type != DType.UINT8) {
            buffer.order(type.order()).asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = (buffer.get() & 0xff) / 255f;
            }
        }
        return new Tensor(shape, values);
    }

    /** Product of the dimensions, refusing non-positive dimensions and totals above {@code limit}. */
    static long checkedElementCount(int[] shape, long limit) {
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 1) {
                throw new InvalidRecordException(Reason.WRONG_SHAPE, "dimension " + dimension + " in "
                        + Arrays.toString(shape));
            }
            count *= dimension;
            if (count > limit) {
                throw new InvalidRecordException(Reason.OVERSIZE, "shape " + Arrays.toString(shape)
                        + " exceeds the limit of " + limit + " elements");
            }
        }
        return count;
    }

    /** Writes {@code tensor} in {@code format}; binary tensors are float32, images 8 bits per channel, colour for {@code [3, H, W]}. */
    public byte[] encode(Tensor tensor, TensorFormat format) {
        return switch (format) {
            case BINARY -> encodeFloat32(tensor);
            case JSON -> encodeJson(tensor);
            case PNG, JPEG -> images.encode(tensor, format);
        };
    }

    public byte[] encodeFloat32(Tensor tensor) {
        return encode(tensor, DType.FLOAT32);
    }

    /** {@code tensor} as a binary tensor of {@code type}. */
    public byte[] encode(Tensor tensor, DType type) {
        if (type == DType.UINT8) {
            return encodeUint8(tensor);
        }
        ByteBuffer buffer = header(tensor, type);
        buffer.order(type.order()).asFloatBuffer().put(tensor.values());
        return buffer.array();
    }

    /** Values in [0, 1] written as bytes 0..255; the compact form for images. */
    public byte[] encodeUint8(Tensor tensor) {
        ByteBuffer buffer = header(tensor, DType.UINT8);
        for (float value : tensor.values()) {
            // floor(x + 0.5) is Math.round for x >= 0 (NaN clamps to 0 either way), without its range checks.
            buffer.put((byte) (int) (Math.min(1f, Math.max(0f, value)) * 255f + 0.5f));
        }
        return buffer.array();
    }

    public byte[] encodeJson(Tensor tensor) {
        return JsonTensorReader.write(tensor);
    }

    private static ByteBuffer header(Tensor tensor, DType type) {
        int[] shape = tensor.shape();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + 4 * shape.length + tensor.values().length * type.width());
        buffer.put(MAGIC).put((byte) type.code()).put((byte) shape.length);
        for (int dimension : shape) {
            buffer.putInt(dimension);
        }
        return buffer;
    }

    private static void requireFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidRecordException(Reason.NON_FINITE, "value " + i + " is " + values[i]);
            }
        }
    }
}

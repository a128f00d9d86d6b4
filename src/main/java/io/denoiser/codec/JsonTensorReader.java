package io.denoiser.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.denoiser.codec.InvalidRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The JSON tensor form, {@code {"shape":[28,28],"data":[...]}} with values in [0, 1], or 0..255 with
 * {@code "dtype":"uint8"}. Streamed, so the data array never grows beyond the element limit.
 */
final class JsonTensorReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final long maxElements;

    JsonTensorReader(long maxElements) {
        this.maxElements = maxElements;
    }

    Tensor read(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return readObject(parser);
        } catch (IOException e) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "invalid JSON tensor: " + e.getMessage());
        }
    }

    private Tensor readObject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "JSON tensor must be an object");
        }
        int[] shape = null;
        float[] data = null;
        boolean uint8 = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "shape" -> shape = readShape(parser);
                case "dtype" -> uint8 = readDtype(parser);
                case "data" -> data = readData(parser);
                default -> parser.skipChildren();
            }
        }
        if (shape == null || data == null) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "JSON tensor needs \"shape\" and \"data\"");
        }
        long count = TensorCodec.checkedElementCount(shape, maxElements);
        if (count != data.length) {
            throw new InvalidRecordException(Reason.WRONG_SHAPE, "shape " + Arrays.toString(shape) + " needs "
                    + count + " values, data has " + data.length);
        }
        if (uint8) {
            for (int i = 0; i < data.length; i++) {
                data[i] /= 255f;
            }
        }
        return new Tensor(shape, data);
    }

    private int[] readShape(JsonParser parser) throws IOException {
        requireArray(parser, "shape");
        int[] shape = new int[TensorCodec.MAX_RANK];
        int rank = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (rank == TensorCodec.MAX_RANK || parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new InvalidRecordException(Reason.WRONG_SHAPE, "shape must be 1 to 4 integers");
            }
            shape[rank++] = parser.getIntValue();
        }
        if (rank == 0) {
            // As the binary format: a rank-0 tensor fits no model and is no image.
            throw new InvalidRecordException(Reason.WRONG_SHAPE, "shape must be 1 to 4 integers");
        }
        return Arrays.copyOf(shape, rank);
    }

    private static boolean readDtype(JsonParser parser) throws IOException {
        String dtype = parser.getValueAsString();
        if ("uint8".equals(dtype)) {
            return true;
        }
        if ("float32".equals(dtype)) {
            return false;
        }
        throw new InvalidRecordException(Reason.WRONG_DTYPE, "unknown dtype '" + dtype + "'");
    }

    private float[] readData(JsonParser parser) throws IOException {
        requireArray(parser, "data");
        float[] data = new float[1024];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!parser.currentToken().isNumeric()) {
                throw new InvalidRecordException(Reason.UNPARSABLE, "data must hold numbers only");
            }
            if (count == maxElements) {
                throw new InvalidRecordException(Reason.OVERSIZE, "data exceeds the limit of " + maxElements + " elements");
            }
            if (count == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(maxElements, 2L * data.length));
            }
            data[count++] = (float) parser.getDoubleValue();
        }
        return Arrays.copyOf(data, count);
    }

    private static void requireArray(JsonParser parser, String field) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidRecordException(Reason.UNPARSABLE, "\"" + field + "\" must be an array");
        }
    }

    static byte[] write(Tensor tensor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + tensor.values().length * 8);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("shape");
            for (int dimension : tensor.shape()) {
                generator.writeNumber(dimension);
            }
            generator.writeEndArray();
            generator.writeArrayFieldStart("data");
            for (float value : tensor.values()) {
                generator.writeNumber(value);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

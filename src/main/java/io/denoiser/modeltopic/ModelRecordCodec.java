package io.denoiser.modeltopic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.Architecture;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The model record wire format. Deliberately not DL4J's {@code ModelSerializer}, which runs
 * {@code ObjectInputStream.readObject} on zip entries and so would execute code from a crafted record.
 *
 * <pre>
 * magic "DNM1" | int32 metadata length | metadata JSON (UTF-8) | int32 parameter count | float32[] parameters
 * </pre>
 * All integers and floats are big-endian. Every length is checked against the bytes actually present and
 * against fixed limits before anything is allocated; the metadata is plain JSON bound to a record type.
 */
public final class ModelRecordCodec {

    static final byte[] MAGIC = {'D', 'N', 'M', '1'};
    static final int MAX_METADATA_BYTES = 64 * 1024;
    /** 16 MB of parameters: the largest model the models topic is sized for. */
    public static final int MAX_PARAMETERS = 4 * 1024 * 1024;
    public static final int MAX_RECORD_BYTES = MAGIC.length + 4 + MAX_METADATA_BYTES + 4 + 4 * MAX_PARAMETERS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelRecordCodec() {
    }

    public static byte[] encode(ModelRecord record) {
        byte[] metadata = toJson(record.metadata());
        float[] parameters = record.parameters();
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length + 4 + metadata.length + 4 + 4 * parameters.length);
        buffer.put(MAGIC).putInt(metadata.length).put(metadata).putInt(parameters.length);
        buffer.asFloatBuffer().put(parameters);
        return buffer.array();
    }

    /** Parses and verifies a record; throws {@link InvalidModelException} for anything but a loadable model. */
    public static ModelRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < MAGIC.length + 8) {
            throw new InvalidModelException("model record truncated: " + (bytes == null ? 0 : bytes.length) + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidModelException("not a model record: bad magic");
        }
        int metadataLength = buffer.getInt();
        if (metadataLength <= 0 || metadataLength > MAX_METADATA_BYTES || metadataLength > buffer.remaining() - 4) {
            throw new InvalidModelException("model metadata length " + metadataLength + " out of range");
        }
        ModelMetadata metadata = fromJson(bytes, buffer.position(), metadataLength);
        buffer.position(buffer.position() + metadataLength);
        int count = buffer.getInt();
        if (count < 0 || count > MAX_PARAMETERS || (long) count * 4 != buffer.remaining()) {
            throw new InvalidModelException("parameter count " + count + " does not match the "
                    + buffer.remaining() + " parameter bytes present");
        }
        verifyMetadata(metadata, count);
        float[] parameters = new float[count];
        buffer.asFloatBuffer().get(parameters);
        verifyFinite(parameters);
        return new ModelRecord(metadata, parameters);
    }

    static void verifyMetadata(ModelMetadata metadata, int count) {
        if (metadata.name() == null || metadata.name().isBlank() || metadata.version() < 1) {
            throw new InvalidModelException("model metadata needs a name and a version >= 1");
        }
        if (metadata.releaseOrder() < metadata.version()) {
            throw new InvalidModelException("release " + metadata.release() + " precedes version " + metadata.version());
        }
        Architecture architecture;
        try {
            architecture = Architecture.fromId(metadata.architecture());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(e.getMessage(), e);
        }
        if (metadata.inputShape() == null || metadata.latentShape() == null) {
            throw new InvalidModelException("model metadata needs input and latent shapes");
        }
        architecture.checkShape(metadata.shape());
        long expected = architecture.parameterCount(metadata.shape());
        if (expected != count || metadata.parameterCount() != count) {
            throw new InvalidModelException(architecture.id() + " " + metadata.shape() + " has " + expected
                    + " parameters, record declares " + metadata.parameterCount() + " and carries " + count);
        }
    }

    private static void verifyFinite(float[] parameters) {
        for (int i = 0; i < parameters.length; i++) {
            if (!Float.isFinite(parameters[i])) {
                throw new InvalidModelException("parameter " + i + " is not finite");
            }
        }
    }

    private static byte[] toJson(ModelMetadata metadata) {
        try {
            return JSON.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model metadata not serializable", e);
        }
    }

    private static ModelMetadata fromJson(byte[] bytes, int offset, int length) {
        try {
            return JSON.readValue(new String(bytes, offset, length, StandardCharsets.UTF_8), ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new InvalidModelException("model metadata is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}

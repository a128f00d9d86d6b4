package io.denoiser.modeltopic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.Architecture;
import io.denoiser.model.EmbeddingMetadata;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.LatentEmbedding;
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
 *   [ | int32 embedding float count | float32[] μ (N) | W (N × D) | H (N × bits) ]
 * </pre>
 * The embedding section is there exactly when the metadata has an {@code embedding} field, so a record without
 * one is byte for byte what it always was. All integers and floats are big-endian. Every length is checked
 * against the bytes actually present, against the metadata and against fixed limits before anything is
 * allocated; the metadata is plain JSON bound to a record type.
 */
public final class ModelRecordCodec {

    static final byte[] MAGIC = {'D', 'N', 'M', '1'};
    static final int MAX_METADATA_BYTES = 64 * 1024;
    /** 16 MB of parameters and embedding together: the largest model the models topic is sized for. */
    public static final int MAX_PARAMETERS = 4 * 1024 * 1024;
    public static final int MAX_RECORD_BYTES = MAGIC.length + 4 + MAX_METADATA_BYTES + 4 + 4 + 4 * MAX_PARAMETERS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelRecordCodec() {
    }

    public static byte[] encode(ModelRecord record) {
        byte[] metadata = toJson(record.metadata());
        float[] parameters = record.parameters();
        float[] embedding = record.embedding() == null ? null : record.embedding().toFloats();
        int size = MAGIC.length + 4 + metadata.length + 4 + 4 * parameters.length
                + (embedding == null ? 0 : 4 + 4 * embedding.length);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(MAGIC).putInt(metadata.length).put(metadata).putInt(parameters.length);
        putFloats(buffer, parameters);
        if (embedding != null) {
            buffer.putInt(embedding.length);
            putFloats(buffer, embedding);
        }
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
        // without an embedding the parameters end the record; with one, its count follows them
        long trailing = metadata.embedding() == null ? 0 : 4;
        if (count < 0 || count > MAX_PARAMETERS || trailing == 0 && (long) count * 4 != buffer.remaining()
                || (long) count * 4 + trailing > buffer.remaining()) {
            throw new InvalidModelException("parameter count " + count + " does not match the "
                    + buffer.remaining() + " parameter bytes present");
        }
        verifyMetadata(metadata, count);
        float[] parameters = readFloats(buffer, count, "parameter");
        if (metadata.embedding() == null) {
            return new ModelRecord(metadata, parameters);
        }
        int inputSize = metadata.shape().inputSize();
        int embeddingCount = verifyEmbedding(metadata.embedding(), inputSize, count, buffer.getInt(), buffer.remaining());
        float[] embedding = readFloats(buffer, embeddingCount, "embedding value");
        return new ModelRecord(metadata, parameters, LatentEmbedding.fromFloats(metadata.embedding(), inputSize, embedding));
    }

    /** The embedding section's float count, once it matches the metadata, the bytes present and the limit. */
    private static int verifyEmbedding(EmbeddingMetadata embedding, int inputSize, int parameters, int count,
                                       int bytesPresent) {
        embedding.check();
        long expected = embedding.floatCount(inputSize);
        String size = "embedding of N = " + inputSize + ", D = " + embedding.dimensions() + ", " + embedding.bits()
                + " bits needs " + expected + " floats";
        if (parameters + expected > MAX_PARAMETERS) {
            throw new InvalidModelException(size + ": with " + parameters + " parameters more than the "
                    + MAX_PARAMETERS + " a model record may carry");
        }
        if (count != expected || (long) count * 4 != bytesPresent) {
            throw new InvalidModelException(size + "; the record declares " + count + " and carries "
                    + bytesPresent + " bytes");
        }
        return count;
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

    private static void putFloats(ByteBuffer buffer, float[] values) {
        buffer.asFloatBuffer().put(values);
        buffer.position(buffer.position() + 4 * values.length);
    }

    /** {@code count} finite floats from {@code buffer}, whose size the caller has checked. */
    private static float[] readFloats(ByteBuffer buffer, int count, String what) {
        float[] values = new float[count];
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + 4 * count);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidModelException(what + " " + i + " is not finite");
            }
        }
        return values;
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

package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.EmbeddingMetadata;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.LatentEmbedding;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ModelRecordCodecTest {

    private final ModelRecord record = ModelRecords.cnnSeed(3, 11);

    @Test
    void shouldRoundTripMetadataAndParameters() {
        ModelRecord decoded = ModelRecordCodec.decode(ModelRecordCodec.encode(record));
        assertThat(decoded.metadata().name()).isEqualTo("cnn-seed");
        assertThat(decoded.version()).isEqualTo(3);
        assertThat(decoded.metadata().metrics()).containsEntry("psnr_db", 10.0);
        assertThat(decoded.parameters()).containsExactly(record.parameters());
    }

    @Test
    void shouldEncodeARecordWithoutAnEmbeddingExactlyAsBefore() {
        byte[] bytes = ModelRecordCodec.encode(record);
        int metadataLength = ByteBuffer.wrap(bytes, 4, 4).getInt();
        assertThat(bytes).hasSize(4 + 4 + metadataLength + 4 + 4 * record.parameters().length);
        assertThat(new String(bytes, 8, metadataLength, StandardCharsets.UTF_8))
                .doesNotContain("embedding");
        assertThat(ModelRecordCodec.decode(bytes).embedding()).isNull();
    }

    @Test
    void shouldShipTheDefaultImageModelWithA32FloatEmbeddingAndA64BitHash() {
        ModelRecord unet = ShippedModels.load("unet");
        assertThat(unet.embedding().metadata().dimensions()).isEqualTo(32);
        assertThat(unet.embedding().metadata().bits()).isEqualTo(64);
        assertThat(unet.embedding().mean()).hasSize(28 * 28);
    }

    @Test
    void shouldReadAndWriteEveryShippedModelFileByteForByte() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/models"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dnm")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(ModelRecordCodec.encode(ModelRecordCodec.decode(bytes))).as(file.toString()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void shouldRoundTripAnEmbeddingAfterTheParameters() {
        ModelRecord embedded = ModelRecords.withPixelEmbedding(record, "digits-1", 32, 64);

        byte[] bytes = ModelRecordCodec.encode(embedded);
        ModelRecord decoded = ModelRecordCodec.decode(bytes);

        int n = 784;
        assertThat(bytes).hasSize(ModelRecordCodec.encode(new ModelRecord(record.metadata(), record.parameters())).length
                + ",\"embedding\":".length() + json(embedded.metadata().embedding()).length() + 4 + 4 * n * (1 + 32 + 64));
        assertThat(decoded.parameters()).containsExactly(record.parameters());
        LatentEmbedding embedding = decoded.embedding();
        assertThat(embedding.metadata()).isEqualTo(embedded.metadata().embedding());
        assertThat(decoded.metadata().embedding().space()).isEqualTo("digits-1");
        assertThat(embedding.mean()).containsExactly(embedded.embedding().mean());
        assertThat(embedding.projection()).containsExactly(embedded.embedding().projection());
        assertThat(embedding.hashProjection()).containsExactly(embedded.embedding().hashProjection());
    }

    @Test
    void shouldRejectAnEmbeddingSectionThatDisagreesWithItsMetadata() {
        ModelRecord embedded = ModelRecords.withPixelEmbedding(record, "digits-1", 32, 64);
        byte[] bytes = ModelRecordCodec.encode(embedded);
        int section = bytes.length - 4 * 784 * 97 - 4;

        assertThatThrownBy(() -> ModelRecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("needs 76048 floats");
        byte[] moreDeclared = bytes.clone();
        ByteBuffer.wrap(moreDeclared).putInt(section, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ModelRecordCodec.decode(moreDeclared))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("declares " + Integer.MAX_VALUE);
        byte[] missing = Arrays.copyOf(bytes, section);
        assertThatThrownBy(() -> ModelRecordCodec.decode(missing))
                .as("metadata announcing an embedding the record lacks").isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("parameter count");
    }

    @Test
    void shouldRejectNonFiniteEmbeddingValuesAndSizesOutsideTheLimits() {
        ModelRecord embedded = ModelRecords.withPixelEmbedding(record, "digits-1", 2, 4);
        embedded.embedding().projection()[5] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(embedded)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("embedding value " + (784 + 5));

        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(
                ModelRecords.withPixelEmbedding(record, "digits-1", 2, 65))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("65 hash bits");
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(
                ModelRecords.withPixelEmbedding(record, "digits 1", 2, 4))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("space id");
        EmbeddingMetadata wide = new EmbeddingMetadata(EmbeddingMetadata.MAX_DIMENSIONS + 1, 64, "s", null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(withEmbedding(record, wide))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("1025 dimensions");
    }

    @Test
    void shouldRejectAnEmbeddingThatWouldTakeTheRecordPastItsLimitBeforeAllocatingIt() {
        // 4096 x 4096 values a record: three floats per value are 48 M, beyond the 4 M a record may carry
        EmbeddingMetadata small = new EmbeddingMetadata(1, 1, "s", null, null, null, null, null, null, null);
        byte[] bytes = ModelRecordCodec.encode(withEmbedding(ModelRecords.unloadableLstm(1), small));
        assertThatThrownBy(() -> ModelRecordCodec.decode(bytes))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("needs 50331648 floats")
                .hasMessageContaining("more than the " + ModelRecordCodec.MAX_PARAMETERS);
    }

    /** {@code base} announcing {@code embedding} and carrying a stand-in of one value per array. */
    private static ModelRecord withEmbedding(ModelRecord base, EmbeddingMetadata embedding) {
        ModelMetadata m = base.metadata();
        return new ModelRecord(new ModelMetadata(m.name(), m.version(), m.architecture(), m.inputShape(),
                m.latentShape(), m.parameterCount(), m.training(), m.metrics(), m.createdAt(), m.release(), embedding),
                base.parameters(), new LatentEmbedding(embedding, new float[1], new float[embedding.dimensions()],
                new float[embedding.bits()]));
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRejectTruncatedRecords() {
        byte[] bytes = ModelRecordCodec.encode(record);
        assertThatThrownBy(() -> ModelRecordCodec.decode(Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("parameter count");
    }

    @Test
    void shouldRejectAWrongParameterCount() {
        ModelRecord shorter = new ModelRecord(record.metadata(), Arrays.copyOf(record.parameters(), 100));
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(shorter)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("27073");
    }

    @Test
    void shouldRejectNonFiniteParameters() {
        float[] parameters = record.parameters().clone();
        parameters[17] = Float.NaN;
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(new ModelRecord(record.metadata(), parameters))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("parameter 17");
    }

    @Test
    void shouldRejectAnUnknownArchitecture() {
        ModelMetadata m = record.metadata();
        ModelMetadata unknown = new ModelMetadata(m.name(), 1, "resnet-9000", m.inputShape(), m.latentShape(),
                m.parameterCount(), m.training(), m.metrics(), m.createdAt(), null);
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(new ModelRecord(unknown, record.parameters()))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("resnet-9000");
    }

    @Test
    void shouldKeepAReleaseThroughARoundTripAndRejectOneBeforeItsVersion() {
        ModelMetadata m = record.metadata().withVersion(3);
        ModelRecord rolledBack = new ModelRecord(m.withRelease(7), record.parameters());
        assertThat(ModelRecordCodec.decode(ModelRecordCodec.encode(rolledBack)).metadata().releaseOrder()).isEqualTo(7);
        assertThat(ModelRecordCodec.decode(ModelRecordCodec.encode(new ModelRecord(m, record.parameters())))
                .metadata().releaseOrder()).as("no release: the version").isEqualTo(3);
        assertThatThrownBy(() -> ModelRecordCodec.decode(ModelRecordCodec.encode(
                new ModelRecord(m.withRelease(2), record.parameters()))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("precedes version 3");
    }

    @Test
    void shouldRejectAHugeDeclaredMetadataLengthWithoutAllocating() {
        byte[] bytes = ByteBuffer.allocate(12).put(ModelRecordCodec.MAGIC).putInt(Integer.MAX_VALUE).putInt(0).array();
        assertThatThrownBy(() -> ModelRecordCodec.decode(bytes)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void shouldRejectALegacyDl4jZipHoldingASerializedJavaObject() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("updaterState.bin"));
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(new java.util.HashMap<>(java.util.Map.of("k", "v")));
            objects.flush();
            out.closeEntry();
        }
        assertThatThrownBy(() -> ModelRecordCodec.decode(zip.toByteArray()))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("bad magic");
    }
}

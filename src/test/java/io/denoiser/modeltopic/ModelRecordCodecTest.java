package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
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

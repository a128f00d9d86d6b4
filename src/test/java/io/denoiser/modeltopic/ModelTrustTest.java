package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrustTest {

    @TempDir
    Path dir;

    @Test
    void shouldOpenARecordSignedByATrustedKeyReadFromPemFiles() throws Exception {
        KeyPair pair = SigningKeys.generate();
        SigningKeys.writePrivate(dir.resolve("k.key"), pair.getPrivate());
        SigningKeys.writePublic(dir.resolve("k.pub"), pair.getPublic());
        KeyPair reread = new KeyPair(SigningKeys.readPublic(dir.resolve("k.pub")), SigningKeys.readPrivate(dir.resolve("k.key")));
        ModelRecord record = ModelRecords.cnnSeed(2, 9);
        byte[] signed = ModelSignature.sign(ModelRecordCodec.encode(record), reread);

        ModelTrust trust = ModelTrust.of(ModelTrust.readKeys(List.of(dir)), false);

        assertThat(trust.keyCount()).isEqualTo(1);
        assertThat(trust.open(signed).parameters()).containsExactly(record.parameters());
        assertThat(ModelRecordCodec.decode(ModelTrust.unsigned(signed)).version()).isEqualTo(2);
    }

    @Test
    void shouldRefuseARecordWhoseEmbeddingWasTamperedWith() {
        ModelRecord record = ModelRecords.withPixelEmbedding(ModelRecords.cnnSeed(2, 9), "digits-1", 32, 64);
        byte[] signed = ModelRecords.signed(record);
        assertThat(ModelRecords.TRUST.open(signed).embedding().projection())
                .containsExactly(record.embedding().projection());

        byte[] tampered = signed.clone();
        tampered[tampered.length - 1] ^= 1; // the last float of H, the hash projection
        assertThatThrownBy(() -> ModelRecords.TRUST.open(tampered)).isInstanceOf(InvalidModelException.class)
                .extracting(e -> ((InvalidModelException) e).reason())
                .isEqualTo(InvalidModelException.Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseUnsignedRecordsUnlessExplicitlyAllowedAndTrustNothingByDefault() {
        byte[] unsigned = ModelRecordCodec.encode(ModelRecords.cnnSeed(2, 9));
        assertThatThrownBy(() -> ModelTrust.none().open(unsigned)).isInstanceOf(InvalidModelException.class)
                .extracting(e -> ((InvalidModelException) e).reason()).isEqualTo(InvalidModelException.Reason.UNSIGNED);
        assertThatThrownBy(() -> ModelTrust.none().open(ModelRecords.signed(ModelRecords.cnnSeed(2, 9))))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("unknown key");
        assertThat(ModelTrust.of(List.of(), true).open(unsigned).version()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnEnvelopeWhoseLengthsOverrunItsBytes() {
        byte[] header = {'D', 'N', 'S', '1', 16, 'a', 'b'};
        assertThatThrownBy(() -> ModelRecords.TRUST.open(header)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("truncated");
    }
}

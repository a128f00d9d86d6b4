package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.modeltopic.ModelSignature;
import io.denoiser.modeltopic.SigningKeys;
import io.micrometer.core.instrument.Counter;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only genuine, well-formed, newer model records from the models topic ever replace the model in use. */
class DenoiserModelTrustTest extends TopologyFixture {

    private ModelCatalog catalog;

    @BeforeEach
    void start() {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(1, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        startTopology(config, List.of(ModelRecords.cnnSeed(1, 1)));
        catalog = harness.registry.catalog("cnn-seed");
    }

    @Test
    void shouldRejectEveryBadModelRecordAndKeepServingTheVersionInUse() throws Exception {
        models.pipeInput("cnn-seed", ModelRecords.signed(ModelRecords.cnnSeed(3, 3)));
        assertThat(catalog.currentVersion()).isEqualTo(3);

        Map<String, byte[]> bad = new LinkedHashMap<>();
        ModelRecord newer = ModelRecords.cnnSeed(4, 4);
        bad.put("unsigned", ModelRecordCodec.encode(newer));
        byte[] tampered = ModelRecords.signed(newer);
        tampered[tampered.length - 1] ^= 1;
        bad.put("badly signed", tampered);
        KeyPair stranger = SigningKeys.generate();
        bad.put("unknown key", ModelSignature.sign(ModelRecordCodec.encode(newer), stranger));
        byte[] whole = ModelRecords.signed(newer);
        bad.put("truncated", Arrays.copyOf(whole, whole.length / 2));
        bad.put("wrong architecture", ModelRecords.signed(new ModelRecord(withArchitecture(newer.metadata(), "resnet-9000"),
                newer.parameters())));
        bad.put("wrong parameter count", ModelRecords.signed(new ModelRecord(newer.metadata(),
                Arrays.copyOf(newer.parameters(), newer.parameters().length - 1))));
        float[] nan = newer.parameters().clone();
        nan[5] = Float.NaN;
        bad.put("NaN parameter", ModelRecords.signed(new ModelRecord(newer.metadata(), nan)));
        bad.put("older version", ModelRecords.signed(ModelRecords.cnnSeed(2, 2)));
        bad.put("legacy DL4J zip", legacyZip());
        bad.put("signed legacy DL4J zip", ModelSignature.sign(legacyZip(), ModelRecords.SIGNING));

        bad.forEach((what, value) -> {
            models.pipeInput("cnn-seed", value);
            assertThat(catalog.currentVersion()).as(what).isEqualTo(3);
        });

        noisy.pipeInput("digit", codec.encodeUint8(new Tensor(new int[] {28, 28}, new float[784])));
        assertThat(OutputHeaders.modelVersion(denoised.readRecord().headers())).isEqualTo(3);
        assertThat(meters.find("denoiser.models.rejected").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(bad.size());
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "UNSIGNED").counter().count()).isEqualTo(2);
        // A truncated record fails its signature before any of it is parsed.
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "BAD_SIGNATURE").counter().count()).isEqualTo(2);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "UNKNOWN_KEY").counter().count()).isEqualTo(1);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "OLDER_VERSION").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldRejectASignedRecordUnderAnotherReleasesKey() {
        models.pipeInput("cnn-seed/3", ModelRecords.signed(ModelRecords.cnnSeed(3, 3)));
        models.pipeInput("cnn-seed/9", ModelRecords.signed(ModelRecords.cnnSeed(4, 4)));
        models.pipeInput("unet", ModelRecords.signed(ModelRecords.cnnSeed(5, 5)));

        assertThat(catalog.currentVersion()).isEqualTo(3);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "KEY_MISMATCH").counter().count()).isEqualTo(2);
    }

    private static ModelMetadata withArchitecture(ModelMetadata m, String architecture) {
        return new ModelMetadata(m.name(), m.version(), architecture, m.inputShape(), m.latentShape(), m.parameterCount(),
                m.training(), m.metrics(), m.createdAt(), null);
    }

    /** A legacy DL4J model file: a zip whose entry is a Java-serialized object. */
    private static byte[] legacyZip() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("updaterState.bin"));
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(new HashMap<>(Map.of("k", "v")));
            objects.flush();
            out.closeEntry();
        }
        return zip.toByteArray();
    }
}

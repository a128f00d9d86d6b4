package io.denoiser.modeltopic;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelHistoryTest {

    private final List<ModelHistory.Entry> entries = new ArrayList<>();

    @Test
    void shouldTakeTheTrustedRecordReleasedLastAsTheOneInUse() {
        ModelRecord v1 = trusted(ModelRecords.cnnSeed(1, 1));
        ModelRecord v2 = trusted(ModelRecords.cnnSeed(2, 2));
        rejected(ModelRecords.metadata(9), "UNKNOWN_KEY signed by unknown key");
        ModelRecord rollback = trusted(new ModelRecord(v1.metadata().withRelease(3), v1.parameters()));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.current("cnn-seed")).containsSame(rollback);
        assertThat(history.find("cnn-seed", 2)).containsSame(v2);
        assertThat(history.find("cnn-seed", 1)).as("the latest record of v1").containsSame(rollback);
        assertThat(history.current("unet")).isEmpty();
        assertThat(history.entries()).extracting(history::status)
                .containsExactly("superseded", "superseded", "rejected: UNKNOWN_KEY signed by unknown key", "in use");
    }

    @Test
    void shouldTakeTheLaterOfTwoRecordsUnderOneReleaseAsCompactionKeepsIt() {
        trusted("cnn-seed/2", ModelRecords.cnnSeed(2, 2));
        ModelRecord later = trusted("cnn-seed/2", ModelRecords.cnnSeed(2, 5));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.current("cnn-seed")).containsSame(later);
        assertThat(history.newestFirst("cnn-seed").get(0)).isSameAs(later);
        assertThat(history.entries()).extracting(history::status).containsExactly("superseded", "in use");
    }

    @Test
    void shouldNumberTheNextReleaseAfterEveryRecordThatParsesTrustedOrNot() {
        assertThat(new ModelHistory(entries).nextRelease("cnn-seed")).isEqualTo(1);
        trusted(ModelRecords.cnnSeed(2, 2));
        rejected(ModelRecords.metadata(5), "BAD_SIGNATURE");
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, "cnn-seed", "malformed", null, null, "MALFORMED"));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.nextRelease("cnn-seed")).isEqualTo(6);
        assertThat(history.nextRelease("unet")).isEqualTo(1);
    }

    @Test
    void shouldNumberTheNextReleaseAfterEveryKeyOfTheModelWhateverItHolds() {
        trusted("cnn-seed/2", ModelRecords.cnnSeed(2, 2));
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, "cnn-seed/8", "malformed", null, null,
                "MALFORMED"));
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, "cnn-seed-large/20", "malformed", null, null,
                "MALFORMED"));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.nextRelease("cnn-seed")).isEqualTo(9);
        assertThat(history.hasKey("cnn-seed/8")).isTrue();
        assertThat(history.hasKey("cnn-seed/9")).isFalse();
    }

    @Test
    void shouldRetireEveryKeyReleasedBeforeTheNewestTrustedReleasesKept() {
        trusted(ModelRecords.cnnSeed(1, 1));
        for (int release = 2; release <= 4; release++) {
            trusted("cnn-seed/" + release, ModelRecords.cnnSeed(release, release));
        }
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, "cnn-seed/5", "malformed", null, null,
                "MALFORMED"));
        trusted("unet/1", new ModelRecord(withName(ModelRecords.metadata(1), "unet"), new float[0]));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.retiredBy(ModelRecords.cnnSeed(6, 6), 3))
                .as("6, 4 and 3 are kept; garbage at 5 is newer than the oldest kept").containsExactly("cnn-seed", "cnn-seed/2");
        assertThat(history.retiredBy(ModelRecords.cnnSeed(6, 6), 10)).isEmpty();
    }

    private ModelRecord trusted(ModelRecord record) {
        return trusted(record.name(), record);
    }

    private ModelRecord trusted(String key, ModelRecord record) {
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, key, "key", record.metadata(), record, null));
        return record;
    }

    private static ModelMetadata withName(ModelMetadata m, String name) {
        return new ModelMetadata(name, m.version(), m.architecture(), m.inputShape(), m.latentShape(), m.parameterCount(),
                m.training(), m.metrics(), m.createdAt(), null);
    }

    private void rejected(ModelMetadata metadata, String reason) {
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, metadata.name(), "other", metadata, null,
                reason));
    }
}

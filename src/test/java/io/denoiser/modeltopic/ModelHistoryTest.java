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
    void shouldNumberTheNextReleaseAfterEveryRecordThatParsesTrustedOrNot() {
        assertThat(new ModelHistory(entries).nextRelease("cnn-seed")).isEqualTo(1);
        trusted(ModelRecords.cnnSeed(2, 2));
        rejected(ModelRecords.metadata(5), "BAD_SIGNATURE");
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, "cnn-seed", "malformed", null, null, "MALFORMED"));
        ModelHistory history = new ModelHistory(entries);

        assertThat(history.nextRelease("cnn-seed")).isEqualTo(6);
        assertThat(history.nextRelease("unet")).isEqualTo(1);
    }

    private ModelRecord trusted(ModelRecord record) {
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, record.name(), "key", record.metadata(),
                record, null));
        return record;
    }

    private void rejected(ModelMetadata metadata, String reason) {
        entries.add(new ModelHistory.Entry(entries.size(), Instant.EPOCH, metadata.name(), "other", metadata, null,
                reason));
    }
}

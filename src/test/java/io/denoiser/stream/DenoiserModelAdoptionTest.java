package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.model.ModelRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A trusted model record replaces the version in use only if the pipeline can really run it. */
class DenoiserModelAdoptionTest extends TopologyFixture {

    @Test
    void shouldRejectASignedModelThatCannotBeLoadedAndKeepDenoisingWithTheVersionInUse() {
        start(Pipeline.sequences(topics, "lstm").withBatching(1, 50).withShapeChange(true));
        TestOutputTopic<String, byte[]> windows = harness.output(topics.denoisedSequences());

        models.pipeInput("lstm", ModelRecords.signed(ModelRecords.unloadableLstm(2)));
        window("window-1");

        assertThat(harness.registry.catalog("lstm").currentVersion()).isEqualTo(1);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "UNLOADABLE").counter().count()).isEqualTo(1);
        TestRecord<String, byte[]> output = windows.readRecord();
        assertThat(output.key()).isEqualTo("window-1");
        assertThat(OutputHeaders.modelVersion(output.headers())).isEqualTo(1);
    }

    @Test
    void shouldRejectAVersionOfAnotherInputShapeUnlessThePipelineAcceptsShapeChanges() {
        start(Pipeline.sequences(topics, "lstm").withBatching(1, 50));
        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 2, 64, 8)));
        window("window-1");

        assertThat(harness.registry.catalog("lstm").currentVersion()).isEqualTo(1);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "SHAPE_CHANGED").counter().count()).isEqualTo(1);
        assertThat(OutputHeaders.modelVersion(harness.output(topics.denoisedSequences()).readRecord().headers()))
                .isEqualTo(1);
    }

    @Test
    void shouldComputeEachRecordWithAVersionOfTheShapeItWasCheckedAgainstWhenTheShapeChanges() {
        start(Pipeline.sequences(topics, "lstm").withBatching(2, 50).withShapeChange(true));
        TestOutputTopic<String, byte[]> windows = harness.output(topics.denoisedSequences());
        window("checked-against-v1");

        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 2, 64, 8)));
        window("checked-against-v2", 64, 8);

        TestRecord<String, byte[]> output = windows.readRecord();
        assertThat(output.key()).isEqualTo("checked-against-v2");
        assertThat(OutputHeaders.modelVersion(output.headers())).isEqualTo(2);
        assertThat(windows.isEmpty()).isTrue();
        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("checked-against-v1");
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("SHAPE_CHANGED");
    }

    @Test
    void shouldHoldThePartitionsRecordsUntilThisInstanceHasTheReleaseThePartitionServedLast() {
        start(Pipeline.sequences(topics, "lstm").withBatching(1, 50));
        TestOutputTopic<String, byte[]> windows = harness.output(topics.denoisedSequences());
        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 2)));
        window("served-by-2");
        assertThat(OutputHeaders.modelVersion(windows.readRecord().headers())).isEqualTo(2);
        KeyValueStore<Long, byte[]> buffer = driver.getKeyValueStore(new PipelineNodes("sequences").bufferStore());
        assertThat(buffer.get(-1L)).as("the release served, in the task's changelogged buffer")
                .isEqualTo(ByteBuffer.allocate(8).putLong(2).array());
        // as restored on this instance for a task whose partition served release 3 on another one
        buffer.put(-1L, ByteBuffer.allocate(8).putLong(3).array());

        window("held");
        driver.advanceWallClockTime(Duration.ofMillis(100));
        assertThat(windows.isEmpty()).as("nothing computed with release 2 any more").isTrue();

        models.pipeInput("lstm/3", ModelRecords.signed(ModelRecords.lstm(3, 3)));
        driver.advanceWallClockTime(Duration.ofMillis(100));
        TestRecord<String, byte[]> output = windows.readRecord();
        assertThat(output.key()).isEqualTo("held");
        assertThat(OutputHeaders.modelVersion(output.headers())).isEqualTo(3);
    }

    @Test
    void shouldCountADifferentRecordUnderTheReleaseInUseButNotTheSameOneReplayed() {
        start(Pipeline.sequences(topics, "lstm").withBatching(1, 50));

        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 2)));
        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 2)));
        models.pipeInput("lstm/2", ModelRecords.signed(ModelRecords.lstm(2, 7)));

        assertThat(meters.get("denoiser.models.equal.release").counter().count()).isEqualTo(1);
    }

    /** The pipeline over lstm v1 from the jar, its catalog's policy from the pipeline as serve derives it. */
    private void start(Pipeline pipeline) {
        DenoiserConfig config = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), topics, stateDir)
                .pipelines(List.of(pipeline)).modelTrust(ModelRecords.TRUST).build();
        ModelCatalog catalog = new ModelCatalog(ModelRecords.lstm(1, 1), ModelSource.JAR,
                AdoptionPolicy.of(List.of(pipeline), config.maxTensorElements()));
        startTopology(new TopologyHarness(config, ModelRegistry.of(List.of(catalog)), meters,
                InferenceWorkers.callingThread()));
    }

    private void window(String key) {
        window(key, 28, 28);
    }

    private void window(String key, int steps, int features) {
        float[] values = new float[steps * features];
        Arrays.fill(values, 0.4f);
        harness.input(topics.noisySequences()).pipeInput(key,
                codec.encodeFloat32(new Tensor(new int[] {steps, features}, values)));
    }
}

package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.ModelRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trusted model record replaces the version in use only if the pipeline can really run it. */
class DenoiserModelAdoptionTest {

    @TempDir
    Path stateDir;

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final TopicNames topics = TopicNames.defaults();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldRejectASignedModelThatCannotBeLoadedAndKeepDenoisingWithTheVersionInUse() {
        start(Pipeline.sequences("lstm").withBatching(1, 50));
        TestInputTopic<String, byte[]> models = harness.input(topics.models());
        TestOutputTopic<String, byte[]> denoised = harness.output(topics.denoisedSequences());

        models.pipeInput("lstm", ModelRecords.signed(ModelRecords.unloadableLstm(2)));
        window("window-1");

        assertThat(harness.registry.catalog("lstm").currentVersion()).isEqualTo(1);
        assertThat(meters.get("denoiser.models.rejected").tag("reason", "UNLOADABLE").counter().count()).isEqualTo(1);
        TestRecord<String, byte[]> output = denoised.readRecord();
        assertThat(output.key()).isEqualTo("window-1");
        assertThat(OutputHeaders.modelVersion(output.headers())).isEqualTo(1);
    }

    private void start(Pipeline pipeline) {
        DenoiserConfig config = DenoiserConfig.defaults(KafkaConnection.of("unused:9092"), stateDir)
                .withPipelines(List.of(pipeline)).withModelTrust(ModelRecords.TRUST);
        harness = new TopologyHarness(config, List.of(ModelRecords.lstm(1, 1)), meters);
    }

    private void window(String key) {
        float[] values = new float[28 * 28];
        Arrays.fill(values, 0.4f);
        harness.input(topics.noisySequences()).pipeInput(key, codec.encodeFloat32(new Tensor(new int[] {28, 28}, values)));
    }
}

package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.ModelRecords;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pipeline whose model has no version yet reads nothing, while the others serve and the models store feeds it. */
class DenoiserTopologyWaitingTest extends TopologyFixture {

    private static final Pipeline VIBRATION = new Pipeline("vibration", "plant.vibration.noisy",
            "plant.vibration.denoised", "plant.vibration.latent", "cnn-seed", 1, 50, OutputFormat.AS_INPUT, false);

    @Test
    void shouldLeaveAWaitingPipelineOutOfTheTopologyAndStillFeedItsCatalogFromTheModelsTopic() {
        ModelRegistry registry = ModelRegistry.of(List.of(ModelCatalog.awaiting("cnn-seed"),
                new ModelCatalog(ModelRecords.lstm(1, 1))));
        List<String> started = new ArrayList<>();
        registry.onFirstVersion(catalog -> started.add(catalog.modelName()));
        DenoiserConfig config = config(List.of(VIBRATION, Pipeline.sequences(topics, "lstm").withBatching(1, 50)));
        startTopology(new TopologyHarness(config, registry, meters, InferenceWorkers.callingThread()));

        assertThatThrownBy(() -> harness.input(VIBRATION.inputTopic()).pipeInput("w-1", new byte[] {1}))
                .as("no source reads the waiting pipeline's input").hasMessageContaining("Unknown topic");
        harness.input(topics.noisySequences()).pipeInput("s-1", codec.encode(new Tensor(new int[] {28, 28},
                new float[28 * 28]), TensorFormat.BINARY));
        assertThat(harness.output(topics.denoisedSequences()).readKeyValuesToList()).hasSize(1);

        models.pipeInput("cnn-seed", ModelRecords.signed(ModelRecords.cnnSeed(2, 2)));

        assertThat(registry.catalog("cnn-seed").currentVersion()).isEqualTo(2);
        assertThat(started).containsExactly("cnn-seed");
    }

    @Test
    void shouldNotBeReadyAndSayWhichModelAPipelineWaitsFor() {
        ModelRegistry registry = ModelRegistry.of(List.of(ModelCatalog.awaiting("cnn-seed")));

        try (DenoiserApp app = new DenoiserApp(config(List.of(VIBRATION)), registry, new DenoiserMetrics(meters))) {
            Readiness readiness = app.ready();

            assertThat(readiness.ready()).isFalse();
            assertThat(readiness.body()).isEqualTo(
                    "DOWN: pipeline vibration waits for a first version of model cnn-seed on denoiser.models\n");
        }
    }

    private DenoiserConfig config(List<Pipeline> pipelines) {
        return DenoiserConfig.builder(KafkaConnection.of("localhost:9"), topics, stateDir).pipelines(pipelines)
                .modelTrust(ModelRecords.TRUST).build();
    }
}

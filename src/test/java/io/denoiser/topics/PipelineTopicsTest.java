package io.denoiser.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTopicsTest {

    private static final TopicNames BUILT_IN = TopicNames.defaults();

    @Test
    void shouldDeclareAPipelinesOwnTopicsWithItsLayoutAndTheBuiltInTopicsConfigs() {
        Pipeline vibration = new Pipeline("vibration", "plant.vibration.noisy", "plant.vibration.denoised",
                "plant.vibration.latent", "vibration-lstm", 16, 50, OutputFormat.AS_INPUT, false, false, null, 6, (short) 2);
        TopicCatalog files = TopicCatalog.fromClasspath(BUILT_IN);

        TopicCatalog all = PipelineTopics.including(files, BUILT_IN, List.of(vibration, Pipeline.images(BUILT_IN, "unet")));

        assertThat(all.topics()).hasSize(files.topics().size() + 3);
        for (String topic : vibration.topics()) {
            TopicSpec spec = all.byName(topic);
            assertThat(spec.partitions()).as(topic).isEqualTo(6);
            assertThat(spec.replicationFactor()).as(topic).isEqualTo((short) 2);
        }
        assertThat(all.byName("plant.vibration.noisy").configs())
                .isEqualTo(files.byName(BUILT_IN.noisySequences()).configs());
        assertThat(all.byName("plant.vibration.noisy").purpose()).contains("pipeline vibration");
    }

    @Test
    void shouldGiveTopicsWithoutALayoutTheBuiltInTopicsPartitionsAndReplication() {
        Pipeline pumps = new Pipeline("pumps", "plant.pumps.noisy", "plant.pumps.denoised", "plant.pumps.latent",
                "pump-lstm", 16, 50, OutputFormat.AS_INPUT, false);
        TopicSpec builtIn = TopicCatalog.fromClasspath(BUILT_IN).byName(BUILT_IN.noisySequences());

        TopicSpec spec = PipelineTopics.including(TopicCatalog.fromClasspath(BUILT_IN), BUILT_IN, List.of(pumps))
                .byName("plant.pumps.noisy");

        assertThat(spec.partitions()).isEqualTo(builtIn.partitions());
        assertThat(spec.replicationFactor()).isEqualTo(builtIn.replicationFactor());
    }
}

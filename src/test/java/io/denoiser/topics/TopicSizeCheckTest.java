package io.denoiser.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicSizeCheckTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private final DenoiserConfig defaults = DenoiserConfig.builder(KafkaConnection.of("unused:9092"), TOPICS, Path.of("state")).build();

    @Test
    void shouldFindTheShippedTopicsLargeEnoughForTheDefaultLimits() {
        assertThat(TopicSizeCheck.problems(TopicCatalog.fromClasspath(TOPICS), defaults)).isEmpty();
    }

    @Test
    void shouldFindTheShippedTopicsLargeEnoughForAPipelineOfItsOwnAtTheDefaultLimits() {
        Pipeline vibration = new Pipeline("vibration", "plant.vibration.noisy", "plant.vibration.denoised",
                "plant.vibration.latent", "vibration-lstm", 16, 50, OutputFormat.AS_INPUT, false);
        DenoiserConfig config = defaults.toBuilder().pipelines(List.of(vibration)).build();

        assertThat(TopicSizeCheck.problems(PipelineTopics.including(TopicCatalog.fromClasspath(TOPICS), TOPICS, config.pipelines()),
                config)).isEmpty();
    }

    @Test
    void shouldNameTheDeadLetterTopicWhenTheInputLimitOutgrowsIt() throws Exception {
        DenoiserConfig raised = defaults.toBuilder().maxInputBytes(2 << 20).build();

        assertThat(TopicSizeCheck.problems(TopicCatalog.fromClasspath(TOPICS), raised)).singleElement().asString()
                .contains("denoiser.dlq max.message.bytes 1114112", "--max-input-bytes 2097152");
    }

    @Test
    void shouldNameEveryOutputTopicWhenTheOutputLimitOutgrowsThem() {
        DenoiserConfig raised = defaults.toBuilder().maxOutputBytes(4 << 20).build();

        assertThat(TopicSizeCheck.problems(TopicCatalog.fromClasspath(TOPICS), raised)).hasSize(4)
                .allSatisfy(problem -> assertThat(problem).contains("max.message.bytes 1114112 cannot take an output "
                        + "record of " + ((4 << 20) + DenoiserConfig.RECORD_OVERHEAD_BYTES) + " bytes",
                        "--max-output-bytes 4194304"))
                .anySatisfy(problem -> assertThat(problem).startsWith("denoiser.images.denoised "))
                .anySatisfy(problem -> assertThat(problem).startsWith("denoiser.sequences.latent "));
    }
}

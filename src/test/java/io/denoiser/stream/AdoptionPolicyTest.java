package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.model.InferenceEngineKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionPolicyTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    @Test
    void shouldAcceptShapeChangesOnlyIfEveryPipelineOfTheModelDoes() {
        Pipeline accepting = Pipeline.sequences(TOPICS, "lstm").withShapeChange(true);
        Pipeline refusing = Pipeline.sequences(TOPICS, "lstm").withBatching(256, 50);

        assertThat(AdoptionPolicy.of(List.of(accepting), 1000).acceptShapeChange()).isTrue();
        assertThat(AdoptionPolicy.of(List.of(accepting, refusing), 1000).acceptShapeChange()).isFalse();
        assertThat(AdoptionPolicy.of(List.of(accepting, refusing), 1000).maxBatch()).isEqualTo(256);
    }

    @Test
    void shouldTryANewVersionOnEveryEngineThePipelinesOfTheModelRun() {
        Pipeline onDl4j = Pipeline.images(TOPICS, "unet").withEngine(InferenceEngineKind.DL4J);
        Pipeline onOnnxRuntime = Pipeline.images(TOPICS, "unet").withEngine(InferenceEngineKind.ONNXRUNTIME);

        assertThat(AdoptionPolicy.of(List.of(onDl4j), 1000).engines()).containsExactly(InferenceEngineKind.DL4J);
        assertThat(AdoptionPolicy.of(List.of(onDl4j, onOnnxRuntime, onDl4j), 1000).engines())
                .containsExactlyInAnyOrder(InferenceEngineKind.DL4J, InferenceEngineKind.ONNXRUNTIME);
        assertThat(AdoptionPolicy.DEFAULT.engines()).containsExactly(InferenceEngineKind.defaultKind());
    }

    @Test
    void shouldWarmUpForTheBatchAStreamThreadRunsWithRecordsOfTheModelsSize() {
        AdoptionPolicy policy = new AdoptionPolicy(128, 1 << 24, false, AdoptionPolicy.DEFAULT.engines());

        assertThat(policy.warmUpBatch(784)).isEqualTo(128);
        assertThat(policy.warmUpBatch((int) ThreadBatch.MAX_BATCH_ELEMENTS / 4)).isEqualTo(4);
        assertThat(policy.warmUpBatch(1 << 24)).isEqualTo(1);
    }
}

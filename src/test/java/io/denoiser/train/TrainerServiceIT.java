package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.config.TopicNames;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainerServiceIT {

    private static final TopicNames TOPICS = TopicNames.defaults();

    @Test
    void shouldPublishOnlyCandidatesThatPassTheGateSignedAndKeepTheChampionOtherwise() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            TopicApplier.applyShipped(cluster.connection(), Optional.of((short) 1));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();

            ModelRecord kept = round(cluster, new EvaluationGate(50), meters);
            assertThat(kept.version()).as("a candidate 50 dB better is impossible: the champion stays").isEqualTo(1);
            assertThat(ModelTopicReader.latest(cluster.connection(), TOPICS.models(), "cnn-seed", ModelRecords.TRUST))
                    .isEmpty();
            assertThat(meters.get("trainer.candidates.rejected").counter().count()).isEqualTo(1);

            ModelRecord published = round(cluster, new EvaluationGate(-50), meters);
            assertThat(published.version()).isEqualTo(2);
            assertThat(published.metadata().training()).containsEntry("parent_version", 1L);
            assertThat(ModelTopicReader.latest(cluster.connection(), TOPICS.models(), "cnn-seed", ModelRecords.TRUST)
                    .orElseThrow().version()).as("signed, so the denoisers' trust accepts it").isEqualTo(2);
        }
    }

    private static ModelRecord round(TestKafkaCluster cluster, EvaluationGate gate, SimpleMeterRegistry meters) {
        TrainerConfig config = new TrainerConfig(cluster.connection(), TOPICS, "cnn-seed", Architecture.CNN_SEED,
                TrainingData.mnistImages(0.5), Duration.ZERO, 0, TrainingSettings.seedRecipe(1, 3), 1000, true,
                Optional.of(gate),
                Optional.of(ModelRecords.SIGNING));
        try (TrainerService trainer = new TrainerService(config, new TrainerMetrics(meters))) {
            return trainer.runRound();
        }
    }
}

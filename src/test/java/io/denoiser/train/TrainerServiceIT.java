package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.TopicNames;
import io.denoiser.data.MnistDataset;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelTopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The trainer on a real broker; the tests share one cluster, each on topics of its own. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TrainerServiceIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final EvaluationGate PUBLISH_ANYTHING = new EvaluationGate(-50);

    @Test
    void shouldPublishOnlyCandidatesThatPassTheGateSignedAndKeepTheChampionOtherwise() throws Exception {
        // Given 300 clean digits
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        sendClean(KAFKA.cluster(), topics.cleanImages(), MnistDataset.bundled().trainingSplit().slice(0, 300).images(),
                new int[] {28, 28});
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        // When a round's gate cannot be passed, then nothing is published
        ModelRecord kept = round(images(topics, new EvaluationGate(50)), meters);
        assertThat(kept.version()).as("a candidate 50 dB better is impossible: the champion stays").isEqualTo(1);
        assertThat(ModelTopicReader.latest(KAFKA.cluster().connection().baseProperties(), topics.models(), "cnn-seed",
                ModelRecords.TRUST)).isEmpty();
        assertThat(meters.get("trainer.candidates.rejected").counter().count()).isEqualTo(1);

        // When the next round's gate passes anything, then a signed version 2 is on the models topic
        ModelRecord published = round(images(topics, PUBLISH_ANYTHING), meters);
        assertThat(published.version()).isEqualTo(2);
        assertThat(published.metadata().training()).containsEntry("parent_version", 1L)
                .containsKeys("window", "app_version");
        assertThat(ModelTopicReader.latest(KAFKA.cluster().connection().baseProperties(), topics.models(), "cnn-seed",
                ModelRecords.TRUST).orElseThrow().version())
                .as("signed, so the denoisers' trust accepts it").isEqualTo(2);
    }

    @Test
    void shouldRebuildItsWindowFromTheTopicAndResumeFromTheLatestVersionAfterARestart() throws Exception {
        // Given 300 clean digits and a first round published
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        sendClean(KAFKA.cluster(), topics.cleanImages(), MnistDataset.bundled().trainingSplit().slice(0, 300).images(),
                new int[] {28, 28});
        ModelRecord first = round(images(topics, PUBLISH_ANYTHING), new SimpleMeterRegistry());

        // When a new trainer runs a round
        ModelRecord afterRestart = round(images(topics, PUBLISH_ANYTHING), new SimpleMeterRegistry());

        // Then it continued from the first's version, on the same window
        assertThat(afterRestart.version()).isEqualTo(first.version() + 1);
        assertThat(afterRestart.metadata().training()).containsEntry("parent_version", first.version())
                .containsEntry("samples", 300);
        assertThat(afterRestart.metadata().training().get("window"))
                .isEqualTo(first.metadata().training().get("window"));
    }

    @Test
    void shouldStartARoundBeforeTheIntervalOnceEnoughNewSamplesArrived() throws Exception {
        // Given 300 clean digits and a trainer whose rounds come hourly, or after 50 new samples
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        float[][] digits = MnistDataset.bundled().trainingSplit().slice(0, 350).images();
        sendClean(KAFKA.cluster(), topics.cleanImages(), Arrays.copyOfRange(digits, 0, 300), new int[] {28, 28});
        TrainerConfig config = new TrainerConfig(KAFKA.cluster().connection(), topics, "cnn-seed", Architecture.CNN_SEED,
                TrainingData.mnistImages(0.5), Duration.ofHours(1), 50, TrainingSettings.seedRecipe(1, 3), 1000,
                TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false, Optional.of(PUBLISH_ANYTHING),
                Optional.of(ModelRecords.SIGNING), EmbeddingSettings.recommended());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TrainerService trainer = new TrainerService(config, new TrainerMetrics(meters))) {
            Thread rounds = new Thread(() -> {
                try {
                    trainer.run(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "trainer");
            rounds.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> meters.get("trainer.rounds").counter().count() == 1);
            // When 50 more arrive after its first round
            sendClean(KAFKA.cluster(), topics.cleanImages(), Arrays.copyOfRange(digits, 300, 350), new int[] {28, 28});

            // Then the second round ran without waiting for the hour
            rounds.join(Duration.ofMinutes(2).toMillis());
            assertThat(rounds.isAlive()).as("the second round waited for the hour-long interval").isFalse();
            assertThat(meters.get("trainer.versions.published").counter().count()).isEqualTo(2);
            assertThat(meters.get("trainer.window.size").gauge().value()).isEqualTo(350);
        }
    }

    @Test
    void shouldTrainASequenceModelFromTheCleanSequenceTopic() throws Exception {
        // Given 256 clean sequences
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        float[][] rows = MnistDataset.bundled().trainingSplit().slice(0, 256).images();
        sendClean(KAFKA.cluster(), topics.cleanSequences(), rows, new int[] {28, 28});
        TrainerConfig config = new TrainerConfig(KAFKA.cluster().connection(), topics, "lstm", Architecture.LSTM,
                TrainingData.named("mnist-rows", 0.5, 1, 1), Duration.ZERO, 0, TrainingSettings.seedRecipe(1, 3),
                1000, TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false,
                Optional.of(PUBLISH_ANYTHING), Optional.of(ModelRecords.SIGNING), EmbeddingSettings.recommended());

        // When a round runs
        ModelRecord published = round(config, new SimpleMeterRegistry());

        // Then version 2 was trained on the sequence topic
        assertThat(published.version()).isEqualTo(2);
        assertThat(published.metadata().training()).containsEntry("samples", 256);
        assertThat(published.metadata().training().get("window")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("topic", topics.cleanSequences()).containsEntry("samples", 256);
    }

    @Test
    void shouldContinueTheParentsArchitectureWhenTheConfiguredOneDiffers() throws Exception {
        // Given clean digits and a trainer configured for U-Net while the shipped cnn-seed is a seed CNN
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        sendClean(KAFKA.cluster(), topics.cleanImages(), MnistDataset.bundled().trainingSplit().slice(0, 300).images(),
                new int[] {28, 28});
        TrainerConfig config = new TrainerConfig(KAFKA.cluster().connection(), topics, "cnn-seed", Architecture.UNET,
                TrainingData.mnistImages(0.5), Duration.ZERO, 0, TrainingSettings.seedRecipe(1, 3), 1000,
                TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false,
                Optional.of(PUBLISH_ANYTHING), Optional.of(ModelRecords.SIGNING), EmbeddingSettings.recommended());

        // When a round runs
        ModelRecord published = round(config, new SimpleMeterRegistry());

        // Then it continued the parent's architecture
        assertThat(published.version()).isEqualTo(2);
        assertThat(published.metadata().architecture()).isEqualTo(Architecture.CNN_SEED.id());
    }

    @Test
    void shouldKeepRunningUnreadyWithTheReasonWhileItsRoundsFail() throws Exception {
        // Given no clean samples at all
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        TrainerConfig noSamples = new TrainerConfig(KAFKA.cluster().connection(), topics, "cnn-seed", Architecture.CNN_SEED,
                TrainingData.mnistImages(0.5), Duration.ofHours(1), 0, TrainingSettings.seedRecipe(1, 3), 1000,
                TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false, Optional.of(PUBLISH_ANYTHING),
                Optional.of(ModelRecords.SIGNING), EmbeddingSettings.recommended());
        try (TrainerService trainer = new TrainerService(noSamples, new TrainerMetrics(new SimpleMeterRegistry()))) {
            Thread loop = new Thread(() -> {
                try {
                    trainer.run(0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // When its rounds run
            loop.start();

            // Then it stays live, not ready, saying why
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(trainer.health().ready().body())
                    .startsWith("DOWN: last round failed: IllegalStateException: no clean samples on "));
            assertThat(trainer.health().live().ready()).isTrue();
            assertThat(loop.isAlive()).as("the loop waits for the next round").isTrue();
            trainer.stop();
            loop.join(10_000);
        }
    }

    /** Trains cnn-seed on the clean-image topic only: the bundled 8,000 digits would only slow the test. */
    private static TrainerConfig images(TopicNames topics, EvaluationGate gate) {
        return new TrainerConfig(KAFKA.cluster().connection(), topics, "cnn-seed", Architecture.CNN_SEED,
                TrainingData.mnistImages(0.5), Duration.ZERO, 0, TrainingSettings.seedRecipe(1, 3), 1000,
                TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false,
                Optional.of(gate), Optional.of(ModelRecords.SIGNING), EmbeddingSettings.recommended());
    }

    /** A fresh trainer process for each round, as after a restart. */
    private static ModelRecord round(TrainerConfig config, SimpleMeterRegistry meters) {
        try (TrainerService trainer = new TrainerService(config, new TrainerMetrics(meters))) {
            return trainer.runRound();
        }
    }

    private static void sendClean(TestKafkaCluster cluster, String topic, float[][] samples, int[] shape) {
        TensorCodec codec = new TensorCodec(1 << 20);
        try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
            for (int i = 0; i < samples.length; i++) {
                producer.send(new ProducerRecord<>(topic, "clean-" + i, codec.encodeFloat32(new Tensor(shape, samples[i]))));
            }
        }
    }
}

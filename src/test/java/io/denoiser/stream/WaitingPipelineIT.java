package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every pipeline waiting: a client of the models store alone, replaced by a serving one when a version comes. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WaitingPipelineIT {

    private static final int DIGITS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path stateDir;

    @Test
    void shouldRunWithEveryPipelineWaitingThenServeOnceTheFirstVersionIsPublished() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given a denoiser whose only model has no version yet
            cluster.createTopics(Map.of(TOPICS.noisyImages(), 3, TOPICS.denoisedImages(), 3, TOPICS.latentVectors(), 3,
                    TOPICS.models(), 1, TOPICS.deadLetters(), 1));
            ModelRegistry registry = ModelRegistry.of(List.of(ModelCatalog.awaiting("cnn-seed")));
            DenoiserConfig config = DenoiserConfig.builder(cluster.connection(), TOPICS, stateDir)
                    .pipelines(List.of(Pipeline.images(TOPICS, "cnn-seed").withBatching(4, 50)))
                    .modelTrust(ModelRecords.TRUST).build();
            try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(new SimpleMeterRegistry()));
                 KafkaProducer<String, byte[]> producer = cluster.producer();
                 ModelPublisher publisher = new ModelPublisher(cluster.connection().baseProperties(), TOPICS.models(),
                         Optional.of(ModelRecords.SIGNING))) {
                // When it starts, then it runs, unready, and the digits sent wait
                app.start();
                assertThat(app.awaitRunning(TIMEOUT)).as("a client of the global models store alone runs").isTrue();
                assertThat(app.ready().body()).contains("pipeline images waits for a first version of model cnn-seed");
                send(producer);

                // When a first version is published
                publisher.publish(ModelRecords.cnnSeed(2, 7));

                // Then it gets ready and denoises every waiting digit with that version
                await().atMost(TIMEOUT).until(app::ready, Readiness::ready);
                List<ConsumerRecord<String, byte[]>> denoised =
                        cluster.readCommitted(List.of(TOPICS.denoisedImages()), DIGITS, TIMEOUT);
                assertThat(denoised).extracting(ConsumerRecord::key).hasSize(DIGITS).doesNotHaveDuplicates();
                assertThat(denoised).allSatisfy(r -> assertThat(OutputHeaders.modelVersion(r.headers())).isEqualTo(2));
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer) {
        TensorCodec codec = new TensorCodec(1 << 20);
        for (int i = 0; i < DIGITS; i++) {
            producer.send(new ProducerRecord<>(TOPICS.noisyImages(), "digit-" + i,
                    codec.encodeUint8(new Tensor(new int[] {28, 28}, new float[28 * 28]))));
        }
        producer.flush();
    }
}

package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.modeltopic.ModelTopicReader;
import io.denoiser.modeltopic.ShippedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whatever else is written to the models topic, compaction leaves a fresh instance the newest trusted version. */
@Tag("integration")
@Tag("faults")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ModelTopicCompactionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final int DIGITS = 20;
    private static final byte[] GARBAGE = "not a model".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    @Test
    void shouldServeTheNewestTrustedVersionAfterGarbageATombstoneAndAReplayAreCompacted() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start(Map.of("log.cleaner.backoff.ms", "100"))) {
            // Given a models topic that compacts as soon as a segment rolls
            cluster.createTopics(Map.of(TOPICS.noisyImages(), 1, TOPICS.denoisedImages(), 1, TOPICS.latentVectors(), 1,
                    TOPICS.deadLetters(), 1));
            // Compaction as soon as a segment rolls, which the next record does once 100 ms have passed.
            cluster.createTopic(TOPICS.models(), Map.of("cleanup.policy", "compact", "segment.ms", "100",
                    "min.cleanable.dirty.ratio", "0.01", "min.compaction.lag.ms", "0", "delete.retention.ms", "0"));
            Properties kafka = cluster.connection().baseProperties();
            try (ModelPublisher publisher = new ModelPublisher(kafka, TOPICS.models(), Optional.of(ModelRecords.SIGNING));
                 KafkaProducer<String, byte[]> producer = cluster.producer()) {
                // When v1 and v2 are published, then garbage, a tombstone and replays are written, and compacted away
                publisher.publish(ModelRecords.cnnSeed(1, 1));
                publisher.publish(ModelRecords.cnnSeed(2, 2));
                long garbage = write(producer, "cnn-seed", GARBAGE);
                write(producer, "cnn-seed", null);
                write(producer, "cnn-seed", ModelRecords.signed(ModelRecords.cnnSeed(1, 1)));
                write(producer, "cnn-seed/9", ModelRecords.signed(ModelRecords.cnnSeed(1, 1)));
                write(producer, "cnn-seed/3", GARBAGE);
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
                    write(producer, "segment-roller", GARBAGE);
                    return history(kafka).entries().stream().noneMatch(e -> e.offset() == garbage);
                });
            }

            // Then a fresh instance starts from v2 and serves every digit with it
            ModelRegistry registry = new ModelSources(history(kafka)::newestFirst, Map.of(), ShippedModels::find)
                    .registry(List.of(Pipeline.images(TOPICS, "cnn-seed")), DenoiserConfig.DEFAULT_MAX_TENSOR_ELEMENTS);
            assertThat(registry.catalog("cnn-seed").currentVersion()).as("a fresh instance starts from").isEqualTo(2);
            assertThat(servedVersions(cluster, registry)).containsOnly(2L);
        }
    }

    /**
     * The versions in the headers of digits denoised by a fresh instance, once its global store is read; every
     * digit sent comes out once on each output topic, and the outcome goes into the reliability table.
     */
    private List<Long> servedVersions(TestKafkaCluster cluster, ModelRegistry registry) throws Exception {
        DenoiserConfig config = DenoiserConfig.builder(cluster.connection(), TOPICS, stateDir)
                .pipelines(List.of(Pipeline.images(TOPICS, "cnn-seed").withBatching(4, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(new SimpleMeterRegistry()));
             KafkaProducer<String, byte[]> producer = cluster.producer()) {
            long startedAt = System.nanoTime();
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < DIGITS; i++) {
                keys.add("digit-" + i);
                producer.send(new ProducerRecord<>(TOPICS.noisyImages(), keys.get(i), new TensorCodec(1 << 20)
                        .encodeUint8(new Tensor(new int[] {28, 28}, new float[28 * 28])))).get();
            }
            List<ConsumerRecord<String, byte[]>> denoised =
                    cluster.readCommitted(List.of(TOPICS.denoisedImages()), DIGITS, TIMEOUT);
            Duration recovery = Duration.ofNanos(System.nanoTime() - startedAt);
            List<ConsumerRecord<String, byte[]>> latent =
                    cluster.readCommitted(List.of(TOPICS.latentVectors()), DIGITS, TIMEOUT);
            assertThat(denoised).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(latent).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys);
            FaultOutcome.read("models topic compacted after garbage, a tombstone and a replay; a fresh instance serves",
                    keys, List.of(denoised, latent), List.of(), recovery).report();
            return denoised.stream().map(record -> OutputHeaders.modelVersion(record.headers())).toList();
        }
    }

    private static ModelHistory history(Properties kafka) {
        return ModelTopicReader.history(kafka, TOPICS.models(), ModelRecords.TRUST);
    }

    private static long write(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPICS.models(), key, value)).get().offset();
    }
}

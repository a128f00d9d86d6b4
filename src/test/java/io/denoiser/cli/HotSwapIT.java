package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.Recomputation;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.modeltopic.SigningKeys;
import io.denoiser.topics.TopicApplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed versions of the model are published one after another while the service (its own JVM) denoises a
 * steady stream, so swaps land with passes in flight. Every key comes out exactly once on the denoised and
 * latent topics, and each sampled output equals what the version named in its header computes.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HotSwapIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int SWAPS = 6;

    @TempDir
    Path work;

    @Test
    void shouldDenoiseEveryRecordOnceWithTheVersionItsHeaderNamesWhileVersionsSwapUnderLoad() throws Exception {
        // Given a serve process denoising a steady stream of digits with cnn-seed v1, 100 already out
        Path publicKey = work.resolve("model-signing.pub");
        SigningKeys.writePublic(publicKey, ModelRecords.SIGNING.getPublic());
        Map<Long, ModelRecord> versions = new HashMap<>(Map.of(1L, ShippedModels.load("cnn-seed")));
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            Map<String, Long> sent;
            long firstSwap;
            try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(cluster.connection().baseProperties(),
                    List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
                 ServeProcess serve = ServeProcess.start("serve", cluster.connection().bootstrapServers(), work, "hot-swap",
                         "--pipelines", "images", "--image-model", "cnn-seed", "--batch-size", "16", "--max-wait-ms",
                         "500", "--commit-interval-ms", "2000", "--replication-factor", "1",
                         "--model-public-keys", publicKey.toString());
                 SteadyDigitProducer producer = new SteadyDigitProducer(cluster.producer(), TOPICS.noisyImages(), 60);
                 ModelPublisher publisher = new ModelPublisher(cluster.connection().baseProperties(), TOPICS.models(),
                         Optional.of(ModelRecords.SIGNING))) {
                watcher.awaitAtLeast(TOPICS.denoisedImages(), 100, TIMEOUT);
                // When six signed versions are published 4 s apart
                firstSwap = System.nanoTime();
                for (long version = 2; version < 2 + SWAPS; version++) {
                    ModelRecord record = ModelRecords.cnnSeed(version, 100 + version);
                    versions.put(version, record);
                    publisher.publish(record);
                    Thread.sleep(4_000);
                }
                Thread.sleep(5_000);
                sent = producer.stop();
                // Then every key comes out once on both topics, nothing dead-lettered
                assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
                assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
                FaultOutcome outcome = FaultOutcome.observed(SWAPS + " signed model swaps under load, passes in flight",
                        watcher, sent, Long.MIN_VALUE, Long.MAX_VALUE, firstSwap);
                outcome.report();
                assertThat(outcome.lost()).isZero();
                assertThat(outcome.duplicated()).isZero();
                assertThat(outcome.deadLettered()).isZero();

                // Then sampled outputs equal what their header's version computes, the last version among them
                List<ConsumerRecord<String, byte[]>> denoised = cluster.readCommitted(List.of(TOPICS.denoisedImages()),
                        sent.size(), TIMEOUT);
                // every 20th output against the version its header names, run here on the same input
                assertThat(Recomputation.assertSampled(denoised, producer::input, versions, 20))
                        .as("versions the outputs name").hasSizeGreaterThanOrEqualTo(SWAPS - 1).contains(1L + SWAPS);
            }
        }
    }
}

package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.Recomputation;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.faults.StreamThreadFailures;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.modeltopic.ModelTopicReader;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed model record that verifies but that no thread can run, published on a real broker while digits
 * arrive steadily: it is rejected as UNLOADABLE and the version in use keeps serving; a fresh instance that
 * starts with it on the models topic serves that version too instead of failing; the next good version is
 * adopted by both. Under read_committed, every digit comes out once on the denoised and latent topics,
 * nothing is dead-lettered, and each sampled output equals what the version its header names computes.
 *
 * <p>The record is an LSTM of 4096 x 4096 windows under the digit model's name, and the digit pipeline
 * accepts shape changes, so that what refuses it is the trial of what a thread can run, not the shape check:
 * every image design takes 28x28 digits only, and the codec refuses weights that do not fit their design.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UnloadableModelIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String MODEL = "cnn-seed";
    private static final Pipeline DIGITS = Pipeline.images(TOPICS, MODEL).withBatching(16, 50).withShapeChange(true);

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @TempDir
    Path stateDirs;

    @BeforeAll
    static void applyShippedTopics() throws Exception {
        TopicApplier.applyShipped(KAFKA.cluster().connection(), TOPICS, Optional.of((short) 1));
    }

    @Test
    void shouldRejectAnUnloadableSignedModelKeepServingTheVersionInUseOnEveryInstanceAndAdoptTheNextGoodOne()
            throws Exception {
        // Given a denoiser serving cnn-seed v1 under a steady stream of digits
        ModelRecord shipped = ShippedModels.load(MODEL);
        ModelRecord good = ModelRecords.cnnSeed(3, 103);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SimpleMeterRegistry freshMeters = new SimpleMeterRegistry();
        DenoiserConfig config = config("first");
        try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(KAFKA.cluster().connection().baseProperties(),
                List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
             DenoiserApp app = new DenoiserApp(config, registry(config), new DenoiserMetrics(meters));
             SteadyDigitProducer producer = new SteadyDigitProducer(KAFKA.cluster().producer(), TOPICS.noisyImages(), 40);
             ModelPublisher publisher = new ModelPublisher(KAFKA.cluster().connection().baseProperties(), TOPICS.models(),
                     Optional.of(ModelRecords.SIGNING))) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();
            watcher.awaitAtLeast(TOPICS.denoisedImages(), 40, TIMEOUT);

            // When a signed but unloadable v2 is published, then it is rejected and v1 keeps serving
            long badAt = System.nanoTime();
            publisher.publish(ModelRecords.unloadableLstm(MODEL, 2));
            await().atMost(TIMEOUT).until(() -> unloadableRejected(meters) == 1);
            watcher.awaitAtLeast(TOPICS.denoisedImages(), watcher.counts(TOPICS.denoisedImages()).size() + 80, TIMEOUT);
            assertThat(app.registry().catalog(MODEL).currentVersion()).isEqualTo(shipped.version());

            // When a fresh instance starts with v2 on the models topic, then it rejects v2 too and serves v1
            long freshAt = System.nanoTime();
            DenoiserConfig freshConfig = config("fresh");
            try (DenoiserApp fresh = new DenoiserApp(freshConfig, registry(freshConfig), new DenoiserMetrics(freshMeters))) {
                assertThat(fresh.registry().catalog(MODEL).currentVersion()).as("version the fresh instance starts with")
                        .isEqualTo(shipped.version());
                fresh.start();
                assertThat(fresh.awaitRunning(TIMEOUT)).isTrue();
                await().atMost(TIMEOUT).until(() -> unloadableRejected(freshMeters) == 1);
                // it took partitions over and denoises them, rather than failing on the record at the head of the topic
                await().atMost(TIMEOUT).until(() -> recordsOut(freshMeters) >= 40);
                assertThat(watcher.modelVersions()).as("versions the outputs name so far").containsExactly(shipped.version());

                // When a good v3 is published, then both instances adopt it
                publisher.publish(good);
                await().atMost(TIMEOUT).until(() -> app.registry().catalog(MODEL).currentVersion() == good.version()
                        && fresh.registry().catalog(MODEL).currentVersion() == good.version());
                watcher.awaitModelVersion(good.version(), TIMEOUT);

                // Then every digit comes out once, none dead-lettered, each output as its version computes, no thread failed
                Map<String, Long> sent = producer.stop();
                assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
                assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
                List<FaultOutcome> outcomes = List.of(
                        FaultOutcome.observed("signed model that cannot load (UNLOADABLE) published under load", watcher,
                                sent, Long.MIN_VALUE, freshAt, badAt),
                        FaultOutcome.observed("fresh instance joins with an unloadable model on the models topic",
                                watcher, sent, badAt, Long.MAX_VALUE, freshAt));
                for (FaultOutcome outcome : outcomes) {
                    outcome.report();
                }
                assertThat(outcomes).allSatisfy(outcome -> {
                    assertThat(outcome.lost()).as("%s: lost", outcome.fault()).isZero();
                    assertThat(outcome.duplicated()).as("%s: duplicated", outcome.fault()).isZero();
                    assertThat(outcome.deadLettered()).as("%s: dead-lettered", outcome.fault()).isZero();
                });
                assertThat(watcher.counts(TOPICS.denoisedImages()).keySet()).as("denoised").isEqualTo(sent.keySet());
                assertThat(watcher.counts(TOPICS.latentVectors()).keySet()).as("latent").isEqualTo(sent.keySet());
                assertThat(watcher.counts(TOPICS.deadLetters())).as("dead letters").isEmpty();

                List<ConsumerRecord<String, byte[]>> denoised =
                        KAFKA.cluster().readCommitted(List.of(TOPICS.denoisedImages()), sent.size(), TIMEOUT);
                assertThat(Recomputation.assertSampled(denoised, producer::input,
                        Map.of(shipped.version(), shipped, good.version(), good), 10))
                        .as("versions the outputs name").containsExactly(shipped.version(), good.version());

                for (DenoiserApp instance : List.of(app, fresh)) {
                    assertThat(instance.state()).isEqualTo(KafkaStreams.State.RUNNING);
                    assertThat(instance.live()).isEqualTo(Readiness.UP);
                }
                assertThat(StreamThreadFailures.count(meters)).as("stream threads failed").isZero();
                assertThat(StreamThreadFailures.count(freshMeters)).as("stream threads failed, fresh instance").isZero();
            }
        }
    }

    /** The digit pipeline alone, its own state directory per instance, trusting the test's signing key. */
    private DenoiserConfig config(String instance) {
        return DenoiserConfig.builder(KAFKA.cluster().connection(), TOPICS, stateDirs.resolve(instance)).pipelines(List.of(DIGITS))
                .modelTrust(ModelRecords.TRUST).build();
    }

    /** The model as {@code serve} starts it: the newest trusted version on the topic that loads, else the jar's. */
    private static ModelRegistry registry(DenoiserConfig config) throws IOException {
        ModelHistory published = ModelTopicReader.history(config.kafka().baseProperties(), config.topics().models(),
                config.modelTrust());
        return new ModelSources(published::newestFirst, Map.of(), ShippedModels::find)
                .registry(config.pipelines(), config.maxTensorElements());
    }

    private static double unloadableRejected(MeterRegistry meters) {
        Counter rejected = meters.find("denoiser.models.rejected").tag("reason", "UNLOADABLE").counter();
        return rejected == null ? 0 : rejected.count();
    }

    private static double recordsOut(MeterRegistry meters) {
        Counter out = meters.find("denoiser.records.out").counter();
        return out == null ? 0 : out.count();
    }
}

package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.CommittedOutputWatcher;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.SteadyDigitProducer;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.Reconstruction;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zombie: two instances of one application in this JVM, and one forward pass of instance A held on a
 * latch, so that A's stream thread waits on it past {@code max.poll.interval.ms} (the pass timeout is far
 * longer). The group drops A, and B takes its partitions, restores their buffers and publishes the held
 * records. Only then is the held pass let go: A forwards its late results and tries to commit them, and
 * must be fenced. A read_committed consumer sees every key exactly once on the denoised and latent topics,
 * nothing dead-lettered, and sampled outputs are what the version their header names computes.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ZombieThreadIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Short, so the stall outlasts it soon; the pass timeout (60 s by default) stays far above it. */
    private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(8);
    /** Records sent after the release that must come out before the input stops: A is back in the group. */
    private static final int AFTER_RELEASE = 60;
    /** Every tenth output is recomputed, besides every held record's. */
    private static final int SAMPLE_EVERY = 10;

    @TempDir
    Path work;

    /** Passes with the model, but for the one after {@link #holdNext()}: it waits for the release, then runs. */
    private static final class HeldPass implements ForwardPass {

        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch returned = new CountDownLatch(1);
        private volatile float[][] heldInputs;
        private volatile int returnedOutputs;

        void holdNext() {
            armed.set(true);
        }

        @Override
        public Reconstruction run(DenoisingModel model, float[][] inputs, int[][] shapes) {
            if (!armed.compareAndSet(true, false)) {
                return MODEL.run(model, inputs, shapes);
            }
            heldInputs = inputs.clone();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("held pass interrupted", e);
            }
            Reconstruction late = MODEL.run(model, inputs, shapes);
            returnedOutputs = late.outputs().length;
            returned.countDown();
            return late;
        }
    }

    @Test
    void shouldFenceAStreamThreadStalledPastThePollIntervalAndNeverPublishItsLateResults() throws Exception {
        // Given instances A and B of one application, a poll interval of 8 s, and digits arriving steadily
        ModelRecord shipped = ShippedModels.load("cnn-seed");
        HeldPass pass = new HeldPass();
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            KafkaConnection kafka = new KafkaConnection(cluster.connection().bootstrapServers(),
                    Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(MAX_POLL_INTERVAL.toMillis())));
            SimpleMeterRegistry metersOfA = new SimpleMeterRegistry();
            try (CommittedOutputWatcher watcher = new CommittedOutputWatcher(cluster.connection().baseProperties(),
                    List.of(TOPICS.denoisedImages(), TOPICS.latentVectors(), TOPICS.deadLetters()));
                 DenoiserApp a = new DenoiserApp(config(kafka, "a"), new ModelRegistry(List.of(shipped)),
                         new DenoiserMetrics(metersOfA), pass);
                 DenoiserApp b = new DenoiserApp(config(kafka, "b"), new ModelRegistry(List.of(shipped)),
                         new DenoiserMetrics(new SimpleMeterRegistry()), ForwardPass.MODEL)) {
                a.start();
                assertThat(a.awaitRunning(TIMEOUT)).isTrue();
                b.start();
                assertThat(b.awaitRunning(TIMEOUT)).isTrue();
                try (SteadyDigitProducer producer = new SteadyDigitProducer(cluster.producer(), TOPICS.noisyImages(), 30)) {
                    watcher.awaitAtLeast(TOPICS.denoisedImages(), 30, TIMEOUT);

                    // When A's next pass is held past the poll interval, then B publishes the held records
                    pass.holdNext();
                    assertThat(pass.held.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("A ran a pass").isTrue();
                    long stalledAt = System.nanoTime();
                    Set<String> heldKeys = keysOf(pass.heldInputs, producer);
                    // Published while A's pass is still held: by B, after the group dropped A.
                    await().atMost(TIMEOUT).until(() -> watcher.counts(TOPICS.denoisedImages()).keySet().containsAll(heldKeys)
                            && watcher.counts(TOPICS.latentVectors()).keySet().containsAll(heldKeys));
                    long publishedAt = System.nanoTime();
                    double forwardedByA = recordsOut(metersOfA);

                    // When the held pass is released, then it returns late, A rejoins and stays live, and the stream moves on
                    pass.release.countDown();
                    assertThat(pass.returned.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("held pass returned").isTrue();
                    assertThat(pass.returnedOutputs).as("late results of the held pass").isEqualTo(heldKeys.size());
                    int sentAtRelease = producer.sentSoFar();
                    watcher.awaitAtLeast(TOPICS.denoisedImages(), sentAtRelease + AFTER_RELEASE, TIMEOUT);
                    // Fenced, A's thread rejoins: its client has not failed and no pass of it hangs.
                    assertThat(a.live()).isEqualTo(Readiness.UP);
                    // A's count also takes in what it denoised once back in the group, if it got tasks again.
                    System.out.printf("zombie: %d held records published by B %.1f s into the stall, then released; "
                            + "A forwarded %.0f records from the release on%n", heldKeys.size(),
                            (publishedAt - stalledAt) / 1e9, recordsOut(metersOfA) - forwardedByA);

                    // Then every key comes out once on both topics, nothing is dead-lettered, held and sampled outputs as v1 computes
                    Map<String, Long> sent = producer.stop();
                    assertThat(watcher.awaitAll(TOPICS.denoisedImages(), sent.keySet(), TIMEOUT)).isTrue();
                    assertThat(watcher.awaitAll(TOPICS.latentVectors(), sent.keySet(), TIMEOUT)).isTrue();
                    FaultOutcome outcome = FaultOutcome.observed("stream thread stalled past max.poll.interval.ms, "
                            + "fenced as a zombie", watcher, sent, Long.MIN_VALUE, Long.MAX_VALUE, stalledAt);
                    outcome.report();
                    assertThat(outcome.lost()).isZero();
                    assertThat(outcome.duplicated()).isZero();
                    assertThat(watcher.counts(TOPICS.deadLetters())).as("dead letters").isEmpty();
                    assertThat(watcher.counts(TOPICS.denoisedImages())).as("denoised").hasSameSizeAs(sent);
                    assertThat(watcher.counts(TOPICS.latentVectors())).as("latent").hasSameSizeAs(sent);
                    assertRecomputable(cluster, sent.size(), heldKeys, producer, Map.of(1L, shipped));
                }
            }
        }
    }

    private DenoiserConfig config(KafkaConnection kafka, String instance) {
        return DenoiserConfig.builder(kafka, TOPICS, work.resolve(instance))
                .pipelines(List.of(Pipeline.images(TOPICS, "cnn-seed").withBatching(16, 100))).build();
    }

    /** The keys whose values the held pass was given: fewer than the producer's distinct digits were sent. */
    private static Set<String> keysOf(float[][] inputs, SteadyDigitProducer producer) {
        int sent = producer.sentSoFar();
        assertThat(sent).as("keys sent before the stall, each value still unique").isLessThan(1000);
        Set<String> keys = new HashSet<>();
        for (float[] input : inputs) {
            for (int i = 0; i < 1000; i++) {
                if (Arrays.equals(input, producer.input("digit-" + i).values())) {
                    keys.add("digit-" + i);
                    break;
                }
            }
        }
        assertThat(keys).as("keys of the held records").hasSize(inputs.length);
        return keys;
    }

    private static double recordsOut(SimpleMeterRegistry meters) {
        return meters.get("denoiser.records.out").counter().count();
    }

    /** Held records' outputs and every tenth other, denoised and latent, against the version their header names. */
    private static void assertRecomputable(TestKafkaCluster cluster, int sent, Set<String> heldKeys,
                                           SteadyDigitProducer producer, Map<Long, ModelRecord> versions) {
        TensorCodec codec = new TensorCodec(1 << 20);
        List<ConsumerRecord<String, byte[]>> outputs = cluster.readCommitted(
                List.of(TOPICS.denoisedImages(), TOPICS.latentVectors()), 2 * sent, TIMEOUT);
        assertThat(outputs).hasSize(2 * sent);
        Map<Long, DenoisingModel> loaded = new HashMap<>();
        int checked = 0;
        for (ConsumerRecord<String, byte[]> record : outputs) {
            String key = record.key();
            if (!heldKeys.contains(key) && Integer.parseInt(key.substring("digit-".length())) % SAMPLE_EVERY != 0) {
                continue;
            }
            long version = OutputHeaders.modelVersion(record.headers());
            DenoisingModel model = loaded.computeIfAbsent(version, v -> DenoisingModel.load(versions.get(v)));
            Reconstruction expected = model.reconstruct(new float[][] {producer.input(key).values()});
            boolean denoised = record.topic().equals(TOPICS.denoisedImages());
            // Denoised digits come back as uint8, hence the tolerance of one level.
            float tolerance = denoised ? 1f / 255 + 1e-4f : 1e-4f;
            assertThat(codec.decodeDetecting(record.value()).values()).as("%s on %s, version %d", key, record.topic(), version)
                    .usingElementComparator((x, y) -> Math.abs(x - y) <= tolerance ? 0 : 1)
                    .containsExactly(denoised ? expected.outputs()[0] : expected.latents()[0]);
            checked++;
        }
        loaded.values().forEach(DenoisingModel::close);
        assertThat(checked).as("outputs recomputed").isGreaterThanOrEqualTo(2 * heldKeys.size());
    }
}

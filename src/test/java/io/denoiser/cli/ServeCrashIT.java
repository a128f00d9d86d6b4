package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.topics.TopicApplier;
import io.denoiser.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the denoiser's JVM, with SIGKILL or a clean SIGTERM, while records wait in their batch buffer,
 * restarts it, and checks that a read_committed consumer sees every input exactly once on each output topic.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeCrashIT {

    private static final int RECORDS = 150;
    private static final int BATCH = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final TopicNames TOPICS = TopicNames.defaults();

    /**
     * Batches of 32 per partition, so about a third of the records wait in the buffer, flushed by the maximum
     * wait only after the restart.
     */
    private static final String[] SERVE = {"--pipelines", "images", "--batch-size", Integer.toString(BATCH),
            "--max-wait-ms", "8000", "--replication-factor", "1"};

    @TempDir
    Path work;

    @Test
    void shouldLoseAndDuplicateNothingWhenKilledWithBatchesBuffered() throws Exception {
        stopWithBatchesBufferedAndRestart(true);
    }

    /** A clean close (SIGTERM) mid-batch, with no other instance to take the partitions over, then a restart. */
    @Test
    void shouldLoseAndDuplicateNothingWhenClosedCleanlyWithBatchesBuffered() throws Exception {
        stopWithBatchesBufferedAndRestart(false);
    }

    private void stopWithBatchesBufferedAndRestart(boolean kill) throws Exception {
        // A cluster per test: serve's images pipeline has the shipped topic names, and each test counts every record on them.
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given a serve process with 150 noisy digits sent, full batches denoised and the rest waiting in its buffer
            try (Admin admin = Admin.create(cluster.connection().baseProperties())) {
                new TopicApplier(admin, Optional.of((short) 1)).apply(TopicCatalog.fromClasspath(TOPICS));
            }
            String servers = cluster.connection().bootstrapServers();
            ServeProcess first = ServeProcess.start("serve", servers, work, "crash-test", SERVE);
            try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
                send(producer);
            }
            // Each of the 3 partitions (~50 records) fills one batch; the rest wait (max wait 8 s) while
            // their input offsets and the buffer's changelog writes get committed.
            assertThat(cluster.readCommitted(List.of(TOPICS.denoisedImages()), 2 * BATCH, TIMEOUT).size())
                    .isGreaterThanOrEqualTo(2 * BATCH).isLessThan(RECORDS);
            // When it is killed with SIGKILL or closed with SIGTERM, then restarted
            Thread.sleep(2_000);
            long faultAt = System.nanoTime();
            if (kill) {
                first.kill();
            } else {
                first.terminate();
            }
            assertThat(first.isAlive()).isFalse();

            try (ServeProcess second = ServeProcess.start("serve", servers, work, "crash-test", SERVE)) {
                // Then every digit comes out once on the denoised and latent topics, and nothing is dead-lettered
                List<ConsumerRecord<String, byte[]>> denoised = cluster.readCommitted(List.of(TOPICS.denoisedImages()),
                        RECORDS, TIMEOUT);
                Duration recovery = Duration.ofNanos(System.nanoTime() - faultAt);
                List<ConsumerRecord<String, byte[]>> latents = cluster.readCommitted(List.of(TOPICS.latentVectors()),
                        RECORDS, TIMEOUT);
                List<ConsumerRecord<String, byte[]>> letters =
                        cluster.readCommitted(List.of(TOPICS.deadLetters()), 1, Duration.ofSeconds(3));
                assertThat(keys(denoised)).hasSize(RECORDS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allKeys());
                assertThat(keys(latents)).hasSize(RECORDS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allKeys());
                assertThat(letters).isEmpty();
                FaultOutcome.read(kill ? "an instance alone is killed with SIGKILL, batches buffered, then restarted"
                                : "an instance alone is closed cleanly (SIGTERM) mid-batch, then restarted",
                        allKeys(), List.of(denoised, latents), letters, recovery).report();
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer) {
        TensorCodec codec = new TensorCodec(1 << 20);
        float[][] noisy = new GaussianNoise(0.5, 5).applyAll(MnistDataset.bundled().testSplit().slice(0, RECORDS));
        for (int i = 0; i < RECORDS; i++) {
            producer.send(new ProducerRecord<>(TOPICS.noisyImages(), key(i), codec.encodeUint8(new Tensor(new int[] {28, 28}, noisy[i]))));
        }
        producer.flush();
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static String key(int index) {
        return "digit-" + index;
    }
}

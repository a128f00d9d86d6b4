package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.topics.TopicApplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL while a forward pass runs. A backlog of megapixel photos for the photo model keeps the inference
 * thread in passes of several seconds, back to back (4 photos of 25 tiles each per pass). Once the first
 * result is committed, the test waits until {@code /metrics} shows a pass running for half a second, far
 * shorter than a pass, and kills the process then. The restarted instance redoes that pass from the
 * changelogged buffer; a read_committed consumer sees every photo exactly once.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PassKillIT {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final int PHOTOS = 16;
    private static final String PASS_RUNNING = "denoiser_pass_running_seconds";
    private static final double MID_PASS_SECONDS = 0.5;
    private static final int SIZE = 1000;
    private static final String[] SERVE = {"--pipelines", "images", "--image-model", "photo", "--batch-size", "4",
            "--max-wait-ms", "100", "--commit-interval-ms", "1000", "--replication-factor", "1"};

    @TempDir
    Path work;

    @Test
    void shouldDenoiseEveryPhotoOnceWhenKilledInTheMiddleOfAForwardPass() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given a serve process denoising 16 noisy 1000x1000 photos with the photo model, some already committed
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            String servers = cluster.connection().bootstrapServers();
            ServeProcess first = ServeProcess.start("first", servers, work, "pass-kill", SERVE);
            try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
                TensorCodec codec = new TensorCodec(2 << 20);
                for (int i = 0; i < PHOTOS; i++) {
                    producer.send(new ProducerRecord<>(TOPICS.noisyImages(), "photo-" + i,
                            codec.encodeUint8(new Tensor(new int[] {SIZE, SIZE}, noisyPhoto(i)))));
                }
                producer.flush();
            }
            int before = cluster.readCommitted(List.of(TOPICS.denoisedImages()), 1, TIMEOUT).size();
            assertThat(before).as("results committed before the kill").isBetween(1, PHOTOS - 4);
            // When it is killed with SIGKILL half a second into a forward pass, and restarted
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> first.metric(PASS_RUNNING)
                    .orElse(0) >= MID_PASS_SECONDS);
            long faultAt = System.nanoTime();
            first.kill();

            try (ServeProcess second = ServeProcess.start("first", servers, work, "pass-kill", SERVE)) {
                // Then every photo is denoised once on both output topics and nothing is dead-lettered
                List<ConsumerRecord<String, byte[]>> denoised =
                        cluster.readCommitted(List.of(TOPICS.denoisedImages()), PHOTOS, TIMEOUT);
                List<ConsumerRecord<String, byte[]>> latents =
                        cluster.readCommitted(List.of(TOPICS.latentVectors()), PHOTOS, TIMEOUT);
                Duration recovery = Duration.ofNanos(System.nanoTime() - faultAt);
                assertThat(keys(denoised)).containsExactlyInAnyOrderElementsOf(allKeys());
                assertThat(keys(latents)).containsExactlyInAnyOrderElementsOf(allKeys());
                List<ConsumerRecord<String, byte[]>> letters =
                        cluster.readCommitted(List.of(TOPICS.deadLetters()), 1, Duration.ofSeconds(3));
                assertThat(letters).isEmpty();
                FaultOutcome.read("an instance is killed with SIGKILL while a forward pass runs", allKeys(),
                        List.of(denoised, latents), letters, recovery).report();
            }
        }
    }

    /** A smooth picture of its own per index, with Gaussian noise of 25/255. */
    private static float[] noisyPhoto(int index) {
        Random random = new Random(index);
        float[] values = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double clean = 0.5 + 0.4 * Math.sin((x + 37.0 * index) / 60.0) * Math.cos(y / 45.0);
                values[y * SIZE + x] = (float) (clean + 25 / 255.0 * random.nextGaussian());
            }
        }
        return values;
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) {
            keys.add("photo-" + i);
        }
        return keys;
    }
}

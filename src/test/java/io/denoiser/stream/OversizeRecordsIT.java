package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.faults.FaultOutcome;
import io.denoiser.faults.StreamThreadFailures;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ShippedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records too large for the topics they would be written to, amid good records, on a real broker with the
 * shipped topic files: input values far over the limits that compressed producers still get onto the input
 * topic, and an input whose denoised output would outgrow the output topics. They are dead-lettered, and
 * every partition keeps moving with its stream thread never replaced.
 */
@Tag("integration")
@Tag("faults")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OversizeRecordsIT {

    private static final int GOOD = 60;
    private static final int SMALL_PHOTOS = 12;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** One broker for both tests: each applies the shipped topics under names of its own and has its own application id. */
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @TempDir
    Path stateDir;

    private final TensorCodec codec = new TensorCodec(1 << 20);

    @Test
    void shouldDeadLetterCompressedOversizeValuesAndDenoiseEveryGoodRecordOnceWithoutReplacingAThread() throws Exception {
        // Given a denoiser serving cnn-seed on topics of its own
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DenoiserConfig config = DenoiserConfig.builder(KAFKA.cluster().connection(), topics, stateDir)
                .applicationId("oversize-input")
                .pipelines(List.of(Pipeline.images(topics, "cnn-seed").withBatching(16, 50)))
                .modelTrust(ModelRecords.TRUST).build();
        ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load("cnn-seed")));
        try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(meters));
             KafkaProducer<String, byte[]> plain = KAFKA.cluster().producer();
             KafkaProducer<String, byte[]> zstd = compressing(KAFKA.cluster(), "zstd");
             KafkaProducer<String, byte[]> lz4 = compressing(KAFKA.cluster(), "lz4")) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();

            // When a 4 MB zstd tensor and a JSON tensor behind a 5 MB field are sent amid 60 good digits
            sendGood(plain, topics.noisyImages(), 0, GOOD / 2);
            long faultAt = System.nanoTime();
            zstd.send(new ProducerRecord<>(topics.noisyImages(), "huge-tensor", codec.encodeFloat32(
                    new Tensor(new int[] {1024, 1024}, new float[1024 * 1024])))).get();
            lz4.send(new ProducerRecord<>(topics.noisyImages(), "padded-json", paddedJson())).get();
            sendGood(plain, topics.noisyImages(), GOOD / 2, GOOD);

            // Then every good digit is denoised once, the two are dead-lettered as OVERSIZE, and no thread was replaced
            List<ConsumerRecord<String, byte[]>> denoised =
                    KAFKA.cluster().readCommitted(List.of(topics.denoisedImages()), GOOD, TIMEOUT);
            assertThat(keys(denoised)).hasSize(GOOD).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(goodKeys());
            List<ConsumerRecord<String, byte[]>> latent =
                    KAFKA.cluster().readCommitted(List.of(topics.latentVectors()), GOOD, TIMEOUT);
            assertThat(keys(latent)).containsExactlyInAnyOrderElementsOf(goodKeys());
            List<ConsumerRecord<String, byte[]>> letters =
                    KAFKA.cluster().readCommitted(List.of(topics.deadLetters()), 2, TIMEOUT);
            assertThat(keys(letters)).containsExactlyInAnyOrder("huge-tensor", "padded-json");
            assertThat(letters).allSatisfy(letter -> {
                assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(),
                        StandardCharsets.UTF_8)).isEqualTo("OVERSIZE");
                assertThat(letter.value().length).isLessThanOrEqualTo(1 << 20);
            });
            long caughtUp = awaitNoLag(config.applicationId(), topics.noisyImages());
            List<String> sent = new ArrayList<>(goodKeys());
            sent.addAll(List.of("huge-tensor", "padded-json"));
            FaultOutcome.read("oversize input: a 4 MB zstd value, a JSON tensor with a 5 MB field", sent,
                    List.of(denoised, latent), letters, Duration.ofNanos(caughtUp - faultAt)).report();
            assertThat(StreamThreadFailures.count(meters)).as("stream threads failed and replaced").isZero();
        }
    }

    /**
     * The photo model writing float32 outputs: a 600x600 8-bit photo of 360 KB comes back as 1.44 MB, over the
     * producer's request limit and the output topics' {@code max.message.bytes}. Before the output limit, its
     * send failed and the stream thread with it, on the same record after every replacement.
     */
    @Test
    void shouldDeadLetterAnInputWhoseOutputWouldOutgrowTheOutputTopicsAndDenoiseEveryOtherOnce() throws Exception {
        // Given a denoiser serving the photo model with float32 outputs, on topics of its own
        TopicNames topics = KAFKA.cluster().applyShippedApart();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DenoiserConfig config = DenoiserConfig.builder(KAFKA.cluster().connection(), topics, stateDir)
                .applicationId("oversize-output")
                .pipelines(List.of(Pipeline.images(topics, "photo").withBatching(4, 50)
                        .withOutput(OutputFormat.BINARY, false)))
                .modelTrust(ModelRecords.TRUST).build();
        ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load("photo")));
        byte[] large = codec.encodeUint8(new Tensor(new int[] {600, 600}, new float[600 * 600]));
        try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(meters));
             KafkaProducer<String, byte[]> producer = KAFKA.cluster().producer()) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();

            // When a 600x600 photo is sent amid 12 small ones
            sendSmallPhotos(producer, topics.noisyImages(), 0, SMALL_PHOTOS / 2);
            long faultAt = System.nanoTime();
            producer.send(new ProducerRecord<>(topics.noisyImages(), "large-photo", large)).get();
            sendSmallPhotos(producer, topics.noisyImages(), SMALL_PHOTOS / 2, SMALL_PHOTOS);

            // Then every small photo is denoised once, the large one is dead-lettered whole as OUTPUT_OVERSIZE, no thread replaced
            List<List<ConsumerRecord<String, byte[]>>> outputs = new ArrayList<>();
            for (String output : List.of(topics.denoisedImages(), topics.latentVectors())) {
                outputs.add(KAFKA.cluster().readCommitted(List.of(output), SMALL_PHOTOS, TIMEOUT));
                assertThat(keys(outputs.get(outputs.size() - 1))).as(output)
                        .hasSize(SMALL_PHOTOS).containsExactlyInAnyOrderElementsOf(smallPhotoKeys());
            }
            List<ConsumerRecord<String, byte[]>> letters = KAFKA.cluster().readCommitted(List.of(topics.deadLetters()), 1, TIMEOUT);
            assertThat(keys(letters)).containsExactly("large-photo");
            assertThat(new String(letters.get(0).headers().lastHeader(DeadLetters.REASON).value(),
                    StandardCharsets.UTF_8)).isEqualTo("OUTPUT_OVERSIZE");
            assertThat(letters.get(0).value()).isEqualTo(large);
            long caughtUp = awaitNoLag(config.applicationId(), topics.noisyImages());
            List<String> sent = new ArrayList<>(smallPhotoKeys());
            sent.add("large-photo");
            FaultOutcome.read("oversize output: a photo whose float32 output outgrows the output topics", sent,
                    outputs, letters, Duration.ofNanos(caughtUp - faultAt)).report();
            assertThat(StreamThreadFailures.count(meters)).as("stream threads failed and replaced").isZero();
        }
    }

    private void sendSmallPhotos(KafkaProducer<String, byte[]> producer, String input, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(input, "small-photo-" + i,
                    codec.encodeUint8(new Tensor(new int[] {64, 64}, new float[64 * 64]))));
        }
        producer.flush();
    }

    private static List<String> smallPhotoKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < SMALL_PHOTOS; i++) {
            keys.add("small-photo-" + i);
        }
        return keys;
    }

    private static KafkaProducer<String, byte[]> compressing(TestKafkaCluster cluster, String compression) {
        Properties properties = cluster.connection().baseProperties();
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 20 << 20);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** A valid 28x28 JSON tensor behind a 5 MB field the reader would skip. */
    private byte[] paddedJson() {
        String tensor = new String(codec.encodeJson(new Tensor(new int[] {28, 28}, new float[784])), StandardCharsets.UTF_8);
        return ("{\"comment\":\"" + "x".repeat(5 << 20) + "\"," + tensor.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private void sendGood(KafkaProducer<String, byte[]> producer, String input, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(input, "digit-" + i,
                    codec.encodeUint8(new Tensor(new int[] {28, 28}, new float[784]))));
        }
        producer.flush();
    }

    /** Waits until the application's committed offsets reach the end of every input partition; returns when (nanoTime). */
    private static long awaitNoLag(String group, String input) throws Exception {
        try (Admin admin = Admin.create(KAFKA.cluster().connection().baseProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(input, p));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (TopicPartition partition : partitions) {
                    assertThat(committed.get(partition)).as("committed offset of %s", partition).isNotNull()
                            .extracting(OffsetAndMetadata::offset).isEqualTo(ends.get(partition).offset());
                }
            });
            return System.nanoTime();
        }
    }

    private static List<String> goodKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            keys.add("digit-" + i);
        }
        return keys;
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toList());
    }
}

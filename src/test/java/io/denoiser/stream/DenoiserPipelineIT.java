package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.MetricsServer;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.quality.ImageQuality;
import io.denoiser.modeltopic.ModelPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The production topology on a real broker: digits in, denoised digits and latents out, a hot swap mid-stream. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DenoiserPipelineIT {

    private static final int DIGITS = 240;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final TopicNames TOPICS = TopicNames.defaults();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @TempDir
    Path stateDir;

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final MnistDataset digits = MnistDataset.bundled().testSplit().slice(0, DIGITS);
    private final float[][] noisy = new GaussianNoise(0.5, 3).applyAll(digits);

    @BeforeAll
    static void createTopics() throws Exception {
        KAFKA.cluster().createTopics(Map.of(TOPICS.noisyImages(), 3, TOPICS.denoisedImages(), 3,
                TOPICS.latentVectors(), 3, TOPICS.models(), 1, TOPICS.deadLetters(), 1));
    }

    @Test
    void shouldDenoiseEveryDigitExactlyOnceAndSwapModelsOncePerPartition() throws Exception {
        // Given a denoiser serving cnn-seed version 1, with its metrics served over HTTP
        ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load("cnn-seed")));
        ModelCatalog catalog = registry.catalog("cnn-seed");
        DenoiserConfig config = DenoiserConfig.builder(KAFKA.cluster().connection(), TOPICS, stateDir)
                .pipelines(List.of(Pipeline.images(TOPICS, "cnn-seed")))
                .modelTrust(ModelRecords.TRUST).build();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(prometheus));
             MetricsServer server = new MetricsServer("127.0.0.1", 0, prometheus, app::live, app::ready);
             KafkaProducer<String, byte[]> producer = KAFKA.cluster().producer();
             ModelPublisher publisher = new ModelPublisher(KAFKA.cluster().connection().baseProperties(), TOPICS.models(),
                     Optional.of(ModelRecords.SIGNING))) {
            app.start();
            assertThat(app.awaitRunning(TIMEOUT)).isTrue();

            // When half the digits are denoised, version 2 is published, and the rest follow with three bad records
            send(producer, 0, DIGITS / 2);
            assertThat(KAFKA.cluster().readCommitted(List.of(TOPICS.denoisedImages()), DIGITS / 2, TIMEOUT)).hasSize(DIGITS / 2);
            publisher.publish(ModelRecords.cnnSeed(2, 77));
            awaitVersion(catalog, 2);
            send(producer, DIGITS / 2, DIGITS);
            for (String bad : List.of("nan", "garbage", "huge")) {
                producer.send(new ProducerRecord<>(TOPICS.noisyImages(), bad, badRecord(bad)));
            }
            producer.flush();

            // Then every digit is denoised once, each partition switches to v2 once, and the bad records are dead-lettered
            List<ConsumerRecord<String, byte[]>> denoised =
                    KAFKA.cluster().readCommitted(List.of(TOPICS.denoisedImages()), DIGITS, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> latents =
                    KAFKA.cluster().readCommitted(List.of(TOPICS.latentVectors()), DIGITS, TIMEOUT);

            assertThat(keys(denoised)).hasSize(DIGITS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allKeys());
            assertThat(keys(latents)).hasSize(DIGITS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allKeys());
            assertThat(codec.decodeDetecting(latents.get(0).value()).shape()).containsExactly(512);
            assertSwitchesOncePerPartition(denoised);
            assertShippedModelDenoises(denoised);
            assertThat(KAFKA.cluster().readCommitted(List.of(TOPICS.deadLetters()), 3, TIMEOUT)).hasSize(3);
            assertScrapedCounters(server.port());
        }
    }

    /** What an operator's Prometheus sees: every record counted once, bad ones by reason, and ready. */
    private static void assertScrapedCounters(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("denoiser_records_in_total{pipeline=\"images\"} " + (DIGITS + 3) + ".0")
                .contains("denoiser_records_out_total{pipeline=\"images\"} " + DIGITS + ".0")
                .contains("denoiser_records_dead_lettered_total{pipeline=\"images\",reason=\"NON_FINITE\"} 1.0")
                .contains("denoiser_records_dead_lettered_total{pipeline=\"images\",reason=\"UNKNOWN_FORMAT\"} 1.0")
                .contains("denoiser_records_dead_lettered_total{pipeline=\"images\",reason=\"OVERSIZE\"} 1.0")
                .contains("denoiser_model_version{model=\"cnn-seed\",pipeline=\"images\"} 2.0")
                .contains("kafka_stream");
        for (String path : List.of("/health/live", "/health/ready")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
        }
    }

    private byte[] badRecord(String kind) {
        return switch (kind) {
            case "nan" -> "{\"shape\":[1],\"data\":[1e999]}".getBytes(StandardCharsets.UTF_8);
            case "garbage" -> "not a tensor".getBytes(StandardCharsets.UTF_8);
            default -> ByteBuffer.allocate(14).put(new byte[] {'D', 'N', 'T', '1', 1, 2})
                    .putInt(1 << 15).putInt(1 << 15).array();
        };
    }

    private void send(KafkaProducer<String, byte[]> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(TOPICS.noisyImages(), key(i), codec.encodeUint8(new Tensor(new int[] {28, 28}, noisy[i]))));
        }
        producer.flush();
    }

    private static void assertSwitchesOncePerPartition(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<Long>> versions = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            versions.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(OutputHeaders.modelVersion(record.headers()));
        }
        assertThat(versions).hasSize(3);
        versions.forEach((partition, sequence) -> {
            assertThat(sequence).as("partition %d", partition).isSorted();
            assertThat(sequence.stream().distinct()).as("partition %d", partition).containsExactly(1L, 2L);
        });
    }

    private void assertShippedModelDenoises(List<ConsumerRecord<String, byte[]>> records) {
        double noisyPsnr = 0;
        double denoisedPsnr = 0;
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (OutputHeaders.modelVersion(record.headers()) == 1) {
                int index = Integer.parseInt(record.key().substring("digit-".length()));
                noisyPsnr += ImageQuality.psnr(digits.image(index), noisy[index]);
                denoisedPsnr += ImageQuality.psnr(digits.image(index), codec.decodeDetecting(record.value()).values());
                count++;
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(DIGITS / 2);
        assertThat(denoisedPsnr / count).isGreaterThan(noisyPsnr / count + 6);
    }

    private static void awaitVersion(ModelCatalog catalog, long version) {
        await().atMost(TIMEOUT).until(catalog::currentVersion, v -> v == version);
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toList());
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < DIGITS; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static String key(int index) {
        return "digit-" + index;
    }
}

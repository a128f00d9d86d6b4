package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.TopicNames;
import io.denoiser.stream.OutputHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of the user's own, end to end with the real command line: trained from a CSV, served by a
 * pipeline on topics outside {@code denoiser.*} that waits, reading nothing, until the model is published
 * signed, while a pipeline with a shipped model serves throughout; the restart that starts the waiting
 * pipeline loses and repeats nothing under exactly-once.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OwnModelServeIT {

    private static final String MODEL = "vibration-lstm";
    private static final String APPLICATION_ID = "own-model-test";
    private static final String INPUT = "plant.vibration.noisy";
    private static final String DENOISED = "plant.vibration.denoised";
    private static final String LATENT = "plant.vibration.latent";
    private static final int WINDOWS = 40;
    private static final int SEQUENCES = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path dir;

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldWaitForAModelTrainedFromACsvThenDenoiseEveryWindowOnceWithIt() throws Exception {
        // Given an LSTM trained from a CSV of sines into a file, and a signing key pair
        Path model = dir.resolve(MODEL + ".dnm");
        cli("train", "--once", "--dataset", "csv:" + sines(), "--architecture", "lstm", "--hidden", "16",
                "--epochs", "1", "--window-length", "32", "--stride", "16", "--batch-size", "32",
                "--model-name", MODEL, "--out", model.toString());
        cli("keys", "generate", "--out", dir.resolve("keys").toString());
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            String servers = cluster.connection().bootstrapServers();
            int port = freePort();
            // When serve starts with pipelines vibration (its model has no version yet) and sequences, then vibration waits
            Process serve = serve(servers, port);
            try (KafkaProducer<String, byte[]> producer = cluster.producer();
                 Admin admin = Admin.create(cluster.connection().baseProperties())) {
                await().atMost(TIMEOUT).ignoreExceptions().until(() -> ready(port),
                        body -> body.contains("pipeline vibration waits for a first version of model " + MODEL));
                assertThat(partitions(admin)).containsOnly(Map.entry(INPUT, 2), Map.entry(DENOISED, 2), Map.entry(LATENT, 2));

                // When windows and sequences are sent, then sequences are served while the vibration input stays unread
                send(producer, INPUT, "window-", 0, WINDOWS, new int[] {32, 3});
                send(producer, TOPICS.noisySequences(), "sequence-", 0, SEQUENCES / 2, new int[] {28, 28});
                assertThat(cluster.readCommitted(List.of(TOPICS.denoisedSequences()), SEQUENCES / 2, TIMEOUT))
                        .as("the other pipeline serves meanwhile").hasSize(SEQUENCES / 2);
                assertThat(committedOffsets(admin, INPUT)).as("nothing read from the waiting pipeline's input").isEmpty();
                assertThat(ready(port)).contains("waits for a first version of model " + MODEL);

                // When the trained model is published as v1 and more sequences are sent
                String published = cli("models", "publish", "--file", model.toString(), "--bootstrap-servers", servers,
                        "--signing-key", dir.resolve("keys/model-signing.key").toString(),
                        "--model-public-keys", dir.resolve("keys/model-signing.pub").toString());
                assertThat(published).contains("published " + MODEL + " v1");
                send(producer, TOPICS.noisySequences(), "sequence-", SEQUENCES / 2, SEQUENCES, new int[] {28, 28});

                // Then every window and every sequence is denoised once with v1, and the service is UP
                assertOnceEach(cluster.readCommitted(List.of(DENOISED), WINDOWS, TIMEOUT), "window-", WINDOWS, 1L);
                assertOnceEach(cluster.readCommitted(List.of(LATENT), WINDOWS, TIMEOUT), "window-", WINDOWS, 1L);
                assertOnceEach(cluster.readCommitted(List.of(TOPICS.denoisedSequences()), SEQUENCES, TIMEOUT),
                        "sequence-", SEQUENCES, 1L);
                assertThat(cluster.readCommitted(List.of(TOPICS.deadLetters()), 1, Duration.ofSeconds(5))).isEmpty();
                await().atMost(TIMEOUT).until(() -> ready(port), "UP\n"::equals);
                assertThat(Files.readString(dir.resolve("serve.log")))
                        .contains("pipeline vibration: model " + MODEL + " has no version on the models topic")
                        .contains("pipeline sequences: model lstm v1 from the jar")
                        .contains("restarting the streams client to start vibration, sequences");
                assertThat(committedOffsets(admin, INPUT).values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(WINDOWS);
            } finally {
                serve.destroy();
                serve.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    /** 3,000 rows of three clean sines of different frequencies and phases, with a time column. */
    private Path sines() throws Exception {
        StringBuilder csv = new StringBuilder("time,x,y,z\n");
        for (int t = 0; t < 3000; t++) {
            csv.append(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f%n", t, Math.sin(t / 7.0),
                    0.5 * Math.sin(t / 3.0 + 1), Math.cos(t / 11.0 + 2)));
        }
        return Files.writeString(dir.resolve("vibration.csv"), csv);
    }

    private Process serve(String servers, int port) throws Exception {
        Path pipelines = Files.writeString(dir.resolve("pipelines.yaml"), """
                pipelines:
                  - name: vibration
                    inputTopic: %s
                    denoisedTopic: %s
                    latentTopic: %s
                    model: %s
                    batchSize: 8
                    outputFormat: json
                    partitions: 2
                  - name: sequences
                    batchSize: 8
                """.formatted(INPUT, DENOISED, LATENT, MODEL));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--bootstrap-servers", servers, "--pipelines-file", pipelines.toString(), "--replication-factor", "1",
                "--model-public-keys", dir.resolve("keys/model-signing.pub").toString(),
                "--metrics-port", Integer.toString(port), "--state-dir", dir.resolve("state").toString(),
                "--application-id", APPLICATION_ID);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
    }

    private String cli(String... arguments) {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute(arguments);
        assertThat(exit).as("%s: %s", List.of(arguments), out).isZero();
        return out.toString();
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String prefix, int from, int to, int[] shape) {
        for (int i = from; i < to; i++) {
            int index = i;
            float[] values = new float[shape[0] * shape[1]];
            IntStream.range(0, values.length).forEach(v -> values[v] = (float) (0.5 + 0.4 * Math.sin(v / 5.0 + index)));
            producer.send(new ProducerRecord<>(topic, prefix + i, codec.encode(new Tensor(shape, values), TensorFormat.JSON)));
        }
        producer.flush();
    }

    private static void assertOnceEach(List<ConsumerRecord<String, byte[]>> records, String prefix, int count, long version) {
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> prefix + i).toList());
        assertThat(records).allSatisfy(r -> assertThat(OutputHeaders.modelVersion(r.headers())).isEqualTo(version));
    }

    private static Map<String, Integer> partitions(Admin admin) throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(List.of(INPUT, DENOISED, LATENT)).allTopicNames().get();
        return Map.of(INPUT, topics.get(INPUT).partitions().size(), DENOISED, topics.get(DENOISED).partitions().size(),
                LATENT, topics.get(LATENT).partitions().size());
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    private String ready(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

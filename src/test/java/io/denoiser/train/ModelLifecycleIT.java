package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.cli.Main;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.modeltopic.SigningKeys;
import io.denoiser.stream.DenoiserApp;
import io.denoiser.stream.ModelCatalog;
import io.denoiser.stream.ModelRegistry;
import io.denoiser.stream.OutputHeaders;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's life on a real broker with a running denoiser: the shipped v1 serves, the trainer publishes a
 * better v2 that the denoiser adopts, the gate keeps a worse candidate out, and {@code models rollback --to 1}
 * moves the denoiser back to v1. Every digit is denoised exactly once, tagged with the version that served it.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ModelLifecycleIT {

    private static final String MODEL = "dense";
    private static final int PER_PHASE = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path dir;

    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final float[][] noisy = new GaussianNoise(0.5, 5).applyAll(MnistDataset.bundled().testSplit().slice(0, 3 * PER_PHASE));

    @Test
    void shouldAdoptABetterVersionRejectAWorseOneAndRollBack() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given a denoiser serving the shipped dense v1 to the first 60 digits, and a signing trainer
            TopicApplier.applyShipped(cluster.connection(), TOPICS, Optional.of((short) 1));
            ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load(MODEL)));
            ModelCatalog catalog = registry.catalog(MODEL);
            DenoiserConfig config = DenoiserConfig.builder(cluster.connection(), TOPICS, dir.resolve("state"))
                    .pipelines(List.of(Pipeline.images(TOPICS, MODEL))).modelTrust(ModelRecords.TRUST).build();
            SimpleMeterRegistry trainerMeters = new SimpleMeterRegistry();
            try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(new SimpleMeterRegistry()));
                 KafkaProducer<String, byte[]> producer = cluster.producer();
                 TrainerService trainer = new TrainerService(trainerConfig(cluster), new TrainerMetrics(trainerMeters))) {
                app.start();
                assertThat(app.awaitRunning(TIMEOUT)).isTrue();
                send(producer, 0);

                // When a trainer round publishes v2, then the denoiser adopts it for the second 60 digits
                ModelRecord v2 = trainer.runRound();
                assertThat(v2.version()).as("the trainer's first version beats the shipped v1").isEqualTo(2);
                await().atMost(TIMEOUT).until(catalog::currentVersion, v -> v == 2);
                send(producer, 1);

                // When a worse candidate is offered, then the gate keeps v2 and publishes nothing
                ModelRecord worse = new ModelRecord(v2.metadata().withVersion(3), perturbed(v2.parameters()),
                        v2.embedding());
                assertThat(trainer.consider(worse, v2)).as("the gate keeps the champion").isSameAs(v2);
                assertThat(trainerMeters.get("trainer.candidates.rejected").counter().count()).isEqualTo(1);
                assertThat(trainerMeters.get("trainer.versions.published").counter().count()).isEqualTo(1);

                // When an operator rolls back to v1, then the denoiser serves v1 again for the last 60 digits
                assertThat(models(cluster, "rollback", "--model-name", MODEL, "--to", "1"))
                        .contains("rolled dense back to v1 (release 3)");
                await().atMost(TIMEOUT).until(catalog::currentVersion, v -> v == 1);
                send(producer, 2);

                // Then every digit is denoised once, each phase by its version, and evaluate and list show the history
                List<ConsumerRecord<String, byte[]>> denoised =
                        cluster.readCommitted(List.of(TOPICS.denoisedImages()), 3 * PER_PHASE, TIMEOUT);
                assertThat(denoised).extracting(ConsumerRecord::key).hasSize(3 * PER_PHASE).doesNotHaveDuplicates();
                assertThat(versionsByPhase(denoised)).containsExactly(Map.entry(0, List.of(1L)),
                        Map.entry(1, List.of(2L)), Map.entry(2, List.of(1L)));
                assertThat(evaluateVersions(cluster)).containsPattern("3\\s+1\\s+\\d+\\.\\d\\d")
                        .contains("versions-psnr.png");
                assertThat(dir.resolve("versions/versions-psnr.png")).isNotEmptyFile();
                assertThat(models(cluster, "list")).containsPattern("dense\\s+2\\s+2\\s+\\S+\\s+\\S+\\s+superseded")
                        .containsPattern("dense\\s+1\\s+3\\s+\\S+\\s+\\S+\\s+in use");

                // When v2 is published again from a file, then it goes out as v4 and the denoiser adopts it
                Path file = dir.resolve("v2.dnm");
                ModelFiles.write(file, v2);
                assertThat(models(cluster, "publish", "--file", file.toString()))
                        .as("a file goes out as the next version, after the rollback's release").contains("published dense v4");
                await().atMost(TIMEOUT).until(catalog::currentVersion, v -> v == 4);
            }
        }
    }

    private static TrainerConfig trainerConfig(TestKafkaCluster cluster) {
        return new TrainerConfig(cluster.connection(), TOPICS, MODEL, Architecture.DENSE, TrainingData.mnistImages(0.5),
                Duration.ZERO, 0, TrainingSettings.seedRecipe(5, 11), 1000, TrainerConfig.DEFAULT_WINDOW_ELEMENTS,
                PhotoSettings.defaults(), true,
                Optional.of(new EvaluationGate(EvaluationGate.DEFAULT_MARGIN_DB)), Optional.of(ModelRecords.SIGNING),
                EmbeddingSettings.recommended());
    }

    /** Runs {@code models SUBCOMMAND} as an operator would, signing with the trainer's key; returns its output. */
    private String models(TestKafkaCluster cluster, String... arguments) throws Exception {
        Path key = dir.resolve("signing.key");
        SigningKeys.writePrivate(key, ModelRecords.SIGNING.getPrivate());
        SigningKeys.writePublic(dir.resolve("signing.pub"), ModelRecords.SIGNING.getPublic());
        List<String> command = new ArrayList<>(List.of("models"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--bootstrap-servers", cluster.connection().bootstrapServers(),
                "--model-public-keys", dir.resolve("signing.pub").toString()));
        if (!arguments[0].equals("list")) {
            command.addAll(List.of("--signing-key", key.toString()));
        }
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute(command.toArray(String[]::new));
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    /** {@code evaluate --versions}: every published version scored and plotted; returns what it printed. */
    private String evaluateVersions(TestKafkaCluster cluster) {
        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out, true)).execute("evaluate", "--versions", "--model",
                MODEL, "--out", dir.resolve("versions").toString(), "--bootstrap-servers",
                cluster.connection().bootstrapServers(), "--model-public-keys", dir.resolve("signing.pub").toString());
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    private void send(KafkaProducer<String, byte[]> producer, int phase) {
        for (int i = phase * PER_PHASE; i < (phase + 1) * PER_PHASE; i++) {
            producer.send(new ProducerRecord<>(TOPICS.noisyImages(), "digit-" + i,
                    codec.encodeUint8(new Tensor(new int[] {28, 28}, noisy[i]))));
        }
        producer.flush();
    }

    private static Map<Integer, List<Long>> versionsByPhase(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<Long>> versions = new HashMap<>();
        records.stream().collect(Collectors.groupingBy(r -> Integer.parseInt(r.key().substring(6)) / PER_PHASE,
                        Collectors.mapping(r -> OutputHeaders.modelVersion(r.headers()), Collectors.toSet())))
                .forEach((phase, set) -> versions.put(phase, set.stream().sorted().toList()));
        return versions;
    }

    /** The same network with its weights shaken: a deliberately worse candidate. */
    private static float[] perturbed(float[] parameters) {
        Random random = new Random(7);
        float[] shaken = parameters.clone();
        for (int i = 0; i < shaken.length; i++) {
            shaken[i] += (float) (0.2 * random.nextGaussian());
        }
        return shaken;
    }
}

package io.denoiser.demo;

import io.denoiser.broker.BrokerLibraries;
import io.denoiser.broker.InProcessBroker;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.model.Architecture;
import io.denoiser.modeltopic.ModelTrust;
import io.denoiser.modeltopic.SigningKeys;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.stream.DenoiserApp;
import io.denoiser.stream.DenoiserService;
import io.denoiser.stream.ModelCatalog;
import io.denoiser.stream.ModelSources;
import io.denoiser.topics.TopicApplier;
import io.denoiser.train.PhotoSettings;
import io.denoiser.train.TrainerConfig;
import io.denoiser.train.TrainerMetrics;
import io.denoiser.train.TrainerService;
import io.denoiser.train.TrainingData;
import io.denoiser.train.TrainingSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one demo: a broker (in-process unless one is given), the topics, the denoiser and the
 * trainer, then noisy held-out digits in and denoised digits and latent vectors out. Half of the digits
 * go in before the trainer publishes a new model version and half after, so the hot swap shows.
 */
public final class DemoRun {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    private static final String MODEL = DenoiserConfig.DEFAULT_IMAGE_MODEL;
    /** The noise of the mission's digits: clip(x + 0.5 N(0,1), 0, 1). */
    private static final double NOISE_LEVEL = 0.5;

    /** @param cluster an existing cluster, or empty to start an in-process broker */
    public record Options(Optional<KafkaConnection> cluster, TopicNames topics, Path outDir, int digits, long seed, Duration timeout) {
    }

    private final Options options;
    /** Where the run's progress lines go: the command's standard output. */
    private final PrintWriter out;

    public DemoRun(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    public DemoReport run() throws Exception {
        Files.createDirectories(options.outDir());
        try (InProcessBroker broker = options.cluster().isPresent() ? null : BrokerLibraries.start()) {
            KafkaConnection kafka = options.cluster().orElseGet(() -> KafkaConnection.of(broker.bootstrapServers()));
            applyTopics(kafka, broker != null);
            return runServices(kafka);
        }
    }

    private void applyTopics(KafkaConnection kafka, boolean singleNode) throws Exception {
        LOG.info("topics: {}", TopicApplier.applyShipped(kafka, options.topics(), singleNode ? Optional.of((short) 1) : Optional.empty()));
    }

    private DemoReport runServices(KafkaConnection kafka) throws Exception {
        MnistDataset data = MnistDataset.bundled();
        MnistDataset test = data.testSplit().slice(0, Math.min(options.digits(), data.testSplit().size()));
        Path stateDir = Files.createTempDirectory("denoiser-demo-state");
        // The demo's trainer signs with a key made for this run, and its denoiser trusts only that key.
        KeyPair signing = SigningKeys.generate();
        TopicNames topics = options.topics();
        DenoiserConfig config = DenoiserConfig.builder(kafka, topics, stateDir)
                .applicationId("kafka-denoiser-demo-" + UUID.randomUUID().toString().substring(0, 8))
                .pipelines(List.of(Pipeline.images(topics, MODEL)))
                .modelTrust(ModelTrust.of(List.of(signing.getPublic()), false))
                .build();
        TrainerConfig trainerConfig = new TrainerConfig(kafka, topics, MODEL,
                Architecture.fromId(DenoiserConfig.DEFAULT_IMAGE_ARCHITECTURE),
                TrainingData.mnistImages(NOISE_LEVEL), Duration.ZERO, 0,
                TrainingSettings.seedRecipe(1, options.seed()), TrainerConfig.DEFAULT_WINDOW_SIZE,
                TrainerConfig.DEFAULT_WINDOW_ELEMENTS, PhotoSettings.defaults(), false,
                // No gate: the demo publishes its one-epoch round whatever it scores, to show the hot swap.
                Optional.empty(), Optional.of(signing), EmbeddingSettings.recommended());
        float[][] noisy = new GaussianNoise(NOISE_LEVEL, options.seed()).applyAll(test);
        try (DenoiserApp app = DenoiserService.assemble(config, ModelSources.of(List.of(ShippedModels.load(MODEL))),
                new SimpleMeterRegistry());
             OutputCollector outputs = new OutputCollector(kafka, topics);
             DigitProducer producer = new DigitProducer(kafka);
             TrainerService trainer = new TrainerService(trainerConfig, new TrainerMetrics(new SimpleMeterRegistry()));
             DemoProgress progress = new DemoProgress(producer, outputs, app.registry().catalog(MODEL), noisy.length, out)) {
            ModelCatalog catalog = app.registry().catalog(MODEL);
            long initialVersion = catalog.currentVersion();
            app.start();
            if (!app.awaitRunning(options.timeout())) {
                throw new IllegalStateException("denoiser did not reach RUNNING within " + options.timeout());
            }
            outputs.start();
            progress.start();
            producer.sendClean(topics.cleanImages());
            FutureTask<ModelRecord> training = new FutureTask<>(trainer::runRound);
            new Thread(training, "demo-trainer").start();
            int half = noisy.length / 2;
            long firstHalf = producer.sendNoisy(topics.noisyImages(), noisy, 0, half, outputs, options.timeout());
            training.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
            awaitVersionAbove(catalog, initialVersion);
            long secondHalf = producer.sendNoisy(topics.noisyImages(), noisy, half, noisy.length, outputs,
                    options.timeout());
            outputs.awaitOutputs(noisy.length, Duration.ofSeconds(5));
            DemoReport report = DemoResults.summarize(test, noisy, outputs, (firstHalf + secondHalf) / 1e9);
            DemoResults.writeGrid(options.outDir().resolve("grid.png"), test, noisy, outputs, 12);
            DemoResults.writeNeighbours(options.outDir().resolve("neighbours.png"), test, noisy.length, outputs, 6);
            return report;
        } finally {
            DemoResults.deleteRecursively(stateDir);
        }
    }

    private void awaitVersionAbove(ModelCatalog catalog, long version) throws InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (catalog.currentVersion() <= version) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no model version above " + version + " was adopted in time");
            }
            Thread.sleep(50);
        }
    }
}

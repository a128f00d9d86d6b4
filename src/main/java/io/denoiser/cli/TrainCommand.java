package io.denoiser.cli;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.embedding.ModelEmbedder;
import io.denoiser.metrics.MetricsServer;
import io.denoiser.metrics.ProcessMetrics;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.NativeRuntime;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.SigningKeys;
import io.denoiser.train.EvaluationGate;
import io.denoiser.train.HeldOutEvaluation;
import io.denoiser.train.PhotoSettings;
import io.denoiser.train.ProgressBarReporter;
import io.denoiser.train.TrainerConfig;
import io.denoiser.train.TrainerMetrics;
import io.denoiser.train.TrainerService;
import io.denoiser.train.TrainingData;
import io.denoiser.train.TrainingRun;
import io.denoiser.train.TrainingSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: the trainer process. With {@code --once --out FILE} it trains offline on the bundled
 * digits and writes a model file; otherwise it retrains from the clean topic every interval and publishes
 * each new version to the models topic.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the denoising autoencoder, offline (--once) or continuously from Kafka.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--once", description = "Train once on the bundled training split and write --out.")
    boolean once;

    @Option(names = "--out", description = "Model file to write with --once.")
    Path out;

    @Option(names = "--model-name", defaultValue = DenoiserConfig.DEFAULT_IMAGE_MODEL,
            description = "Model name (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--architecture", defaultValue = DenoiserConfig.DEFAULT_IMAGE_ARCHITECTURE,
            description = "Architecture id (default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--epochs", defaultValue = "" + TrainingSettings.DEFAULT_EPOCHS,
            description = "Epochs (per round when continuous; default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "" + TrainingSettings.DEFAULT_BATCH_SIZE,
            description = "Records per gradient step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "" + TrainingSettings.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--noise", defaultValue = "" + TrainingSettings.DEFAULT_NOISE_LEVEL,
            description = "Gaussian noise level (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--patience", defaultValue = "" + TrainingSettings.DEFAULT_PATIENCE,
            description = "Stop after this many epochs without a better held-out PSNR; 0 = run all epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--dataset", description = "Training data: mnist, mnist-rows, sensors, photos, csv:FILE or "
            + "images:DIR (PNG/JPEG files of any size) (default: mnist for digit models, photos for photo-unet, "
            + "mnist-rows for sequence models).")
    String dataset;

    @Option(names = "--patch-size", defaultValue = "" + PhotoSettings.DEFAULT_PATCH_SIZE,
            description = "Side of the square patches cut from photos (default: ${DEFAULT-VALUE}).")
    int patchSize;

    @Option(names = "--patches", defaultValue = "" + PhotoSettings.DEFAULT_PATCHES,
            description = "Random patches (flipped, rotated) cut from photos to train on; the continuous trainer also cuts "
                    + "this many afresh each round from the images on the clean topic (default: ${DEFAULT-VALUE}).")
    int patches;

    @Option(names = "--noise-exponent", defaultValue = "" + PhotoSettings.DEFAULT_LEVEL_EXPONENT,
            description = "Photos: levels are drawn as max-noise * u^this, u uniform; 1 = uniformly, 2 = low levels "
                    + "more often (default: ${DEFAULT-VALUE}).")
    double noiseExponent;

    @Option(names = "--initial-model", converter = ExistingFileConverter.class,
            description = "With --once: fine-tune this model file (same architecture) "
            + "instead of starting from random weights; its learning-rate schedule resumes where its training ended.")
    Path initialModel;

    @Option(names = "--max-noise", defaultValue = "" + PhotoSettings.DEFAULT_MAX_LEVEL,
            description = "Photos: each patch gets Gaussian noise of a level drawn from [0, this] (default: ${DEFAULT-VALUE}).")
    double maxNoise;

    @Option(names = "--window-length", defaultValue = "64",
            description = "Sensor and CSV window length in steps (default: ${DEFAULT-VALUE}).")
    int windowLength;

    @Option(names = "--stride", defaultValue = "16", description = "CSV window stride in steps (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--hidden", defaultValue = "64", description = "Latent size of a sequence model: the LSTMs' hidden size, or cnn1d's "
            + "bottleneck channels (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--model-version", defaultValue = "1", description = "Version written with --once (default: ${DEFAULT-VALUE}).")
    long version;

    @Option(names = "--interval", defaultValue = "${env:TRAIN_INTERVAL:-10m}", converter = DurationConverter.class,
            description = "Time between rounds, e.g. 10m or PT10M (env TRAIN_INTERVAL; default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--rounds", defaultValue = "0", description = "Rounds to run, 0 = until stopped (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--retrain-after", defaultValue = "${env:TRAIN_RETRAIN_AFTER:-" + TrainerConfig.DEFAULT_RETRAIN_AFTER + "}",
            description = "Start a round before the interval ends once this many new clean samples arrived; "
                    + "0 = by interval only (env TRAIN_RETRAIN_AFTER; default: ${DEFAULT-VALUE}).")
    int retrainAfter;

    @Option(names = "--window", defaultValue = "${env:TRAIN_WINDOW:-" + TrainerConfig.DEFAULT_WINDOW_SIZE + "}",
            description = "Most recent clean samples kept from the topic, a sliding window rebuilt from the topic on "
                    + "restart; an MNIST image takes 3 KB (env TRAIN_WINDOW; default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--window-elements",
            defaultValue = "${env:TRAIN_WINDOW_ELEMENTS:-" + TrainerConfig.DEFAULT_WINDOW_ELEMENTS + "}",
            description = "Most values (floats, 4 bytes each) the window keeps over all its samples: it drops its oldest "
                    + "samples beyond either bound; photos of any size count by their pixels (env TRAIN_WINDOW_ELEMENTS; "
                    + "default: ${DEFAULT-VALUE}).")
    long windowElements;

    @Option(names = "--embedding-dimensions",
            defaultValue = "${env:TRAIN_EMBEDDING_DIMENSIONS:-" + EmbeddingSettings.DEFAULT_DIMENSIONS + "}",
            description = "Floats of the embedding each trained digit-image version writes as its latent vector "
                    + "(env TRAIN_EMBEDDING_DIMENSIONS; default: ${DEFAULT-VALUE}).")
    int embeddingDimensions;

    @Option(names = "--bundled-data", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train on the training records of --dataset (default: ${DEFAULT-VALUE}).")
    boolean bundledData;

    @Option(names = "--metrics-port", defaultValue = "${env:TRAIN_METRICS_PORT:-8081}",
            description = "Port of the continuous trainer's /metrics, /health/live and /health/ready "
                    + "(env TRAIN_METRICS_PORT; default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-address", defaultValue = "${env:TRAIN_METRICS_ADDRESS:-0.0.0.0}",
            description = "Interface of the metrics and health endpoints: all by default, as Kubernetes probes "
                    + "and Prometheus reach the pod's address; 127.0.0.1 keeps them local (env TRAIN_METRICS_ADDRESS).")
    String metricsAddress;

    @Option(names = "--gate-margin-db", defaultValue = "${env:TRAIN_GATE_MARGIN_DB:-" + EvaluationGate.DEFAULT_MARGIN_DB + "}",
            description = "Publish a round's model only if its held-out PSNR beats the version in use by this many "
                    + "dB, both scored on the same held-out inputs (env TRAIN_GATE_MARGIN_DB; default: ${DEFAULT-VALUE}).")
    Double gateMarginDb;

    @Option(names = "--signing-key", converter = ExistingFileConverter.class, defaultValue = "${env:TRAIN_SIGNING_KEY}",
            description = "Ed25519 private key (PEM, from `keys generate`) that signs every published version; the "
                    + "public key must sit next to it as the same name with .pub (env TRAIN_SIGNING_KEY).")
    Path signingKey;

    @Override
    public Integer call() throws Exception {
        NativeRuntime.warnIfSlow();
        if (once) {
            return trainOnce(new TrainingSettings(epochs, batchSize, noise, seed, patience));
        }
        Architecture design = Architecture.fromId(architecture);
        TrainerConfig config = new TrainerConfig(kafka.reachableConnection(), kafka.topics(), modelName, design,
                trainingData(design), interval, retrainAfter, new TrainingSettings(epochs, batchSize, noise, seed, patience),
                window, windowElements, photoSettings(), bundledData,
                gateMarginDb == null ? Optional.empty() : Optional.of(new EvaluationGate(gateMarginDb)), signingKeyPair(),
                EmbeddingSettings.recommended(embeddingDimensions));
        CountDownLatch finished = new CountDownLatch(1);
        PrometheusMeterRegistry prometheus = ProcessMetrics.prometheus();
        try (TrainerService trainer = new TrainerService(config, new TrainerMetrics(prometheus));
             MetricsServer server = new MetricsServer(metricsAddress, metricsPort, prometheus, trainer.health()::live,
                     trainer.health()::ready)) {
            LOG.info("trainer metrics and health on port {}", server.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                trainer.stop();
                awaitQuietly(finished);
            }, "trainer-shutdown"));
            trainer.run(rounds);
        } finally {
            finished.countDown();
        }
        return 0;
    }

    private int trainOnce(TrainingSettings settings) throws Exception {
        if (out == null) {
            throw new IllegalArgumentException("--once needs --out FILE");
        }
        Optional<ModelRecord> parent = initialModel == null ? Optional.empty() : Optional.of(ModelFiles.read(initialModel));
        // a fine-tuned model keeps its parent's design and shapes
        Architecture design = Architecture.fromId(parent.map(p -> p.metadata().architecture()).orElse(architecture));
        TrainingData data = trainingData(design);
        ModelShape shape = parent.map(p -> p.metadata().shape()).orElse(design.readsSequences()
                ? new ModelShape(data.recordShape(), new int[] {hidden}) : design.defaultShape());
        HeldOutEvaluation heldOut = new HeldOutEvaluation(data.heldOut(), data.noise().apply(HeldOutEvaluation.NOISE_SEED),
                data.recordShape());
        int epochsDone = parent.map(p -> TrainingRun.epochsTrained(p.metadata())).orElse(0);
        ModelRecord trained = new TrainingRun(settings, heldOut, ProgressBarReporter.onStandardError())
                .train(modelName, design, shape, version, parent, data, epochsDone);
        ModelRecord model = new ModelEmbedder(EmbeddingSettings.recommended(embeddingDimensions))
                .attach(trained, parent, data.training(), data.noise().apply(seed), seed);
        ModelFiles.write(out, model);
        out().printf("wrote %s: %s v%d, held-out PSNR %.2f dB (noisy input %.2f dB)%n", out, model.name(),
                model.version(), model.metadata().metrics().get("psnr_db"),
                model.metadata().metrics().get("psnr_noisy_db"));
        return 0;
    }


    /** The --dataset, by default the digits as images, or read row by row for sequence models. */
    private TrainingData trainingData(Architecture design) throws IOException {
        String name = dataset != null ? dataset
                : design.readsSequences() ? "mnist-rows" : design.tiling().isPresent() ? "photos" : "mnist";
        return TrainingData.named(name, noise, windowLength, stride, photoSettings());
    }

    private PhotoSettings photoSettings() {
        return new PhotoSettings(patchSize, patches, maxNoise, noiseExponent);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<KeyPair> signingKeyPair() throws IOException {
        return signingKey == null ? Optional.empty() : Optional.of(SigningKeys.readPair(signingKey));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

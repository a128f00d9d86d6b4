package io.denoiser.train;

import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelTrust;
import io.denoiser.model.ShippedModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer process: every interval it reads new clean images, continues training from the newest
 * published version (or the shipped default), evaluates on the held-out split and publishes the next
 * version to the models topic.
 */
public final class TrainerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);

    private final TrainerConfig config;
    private final TrainerMetrics metrics;
    private final CleanImageWindow window;
    private final ModelPublisher publisher;
    private final HeldOutEvaluation heldOut;
    private final float[][] bundled;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private static final long HELD_OUT_NOISE_SEED = 1234;

    public TrainerService(TrainerConfig config, TrainerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.window = new CleanImageWindow(config.kafka(), config.topics().cleanImages(), config.windowSize(),
                config.architecture().defaultShape().inputSize());
        this.publisher = new ModelPublisher(config.kafka(), config.topics().models(), config.signingKey());
        MnistDataset data = MnistDataset.bundled();
        this.heldOut = new HeldOutEvaluation(data.testSplit().images(),
                new GaussianNoise(config.settings().noiseLevel(), HELD_OUT_NOISE_SEED));
        this.bundled = config.useBundledData() ? data.trainingSplit().images() : new float[0][];
    }

    /** Runs {@code rounds} rounds (0 = until {@link #stop()}), one per interval. */
    public void run(int rounds) throws InterruptedException {
        for (int round = 1; rounds == 0 || round <= rounds; round++) {
            runRound();
            if ((rounds == 0 || round < rounds)
                    && stopped.await(config.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /**
     * One round: catch up on clean images, train from the newest version, and publish the result if the
     * gate passes it. Returns the version in use afterwards: the new one, or the champion it failed to beat.
     */
    public ModelRecord runRound() {
        int added = window.catchUp();
        float[][] images = trainingImages();
        if (images.length == 0) {
            throw new IllegalStateException("no clean images on " + config.topics().cleanImages()
                    + " and bundled data disabled");
        }
        ModelRecord parent = ModelTopicReader.latest(config.kafka(), config.topics().models(), config.modelName(), ownModels())
                .orElseGet(() -> ShippedModels.load(config.modelName()));
        LOG.info("training round: {} images ({} new from topic), from {} v{}", images.length, added,
                parent.name(), parent.version());
        TrainingRun run = new TrainingRun(config.settings(), heldOut, (epoch, epochs, loss, psnr, seconds) ->
                LOG.info("epoch {}/{} loss {} held-out PSNR {} dB ({}s)", epoch, epochs, String.format("%.4f", loss),
                        String.format("%.2f", psnr), String.format("%.1f", seconds)));
        double level = config.settings().noiseLevel();
        TrainingData data = new TrainingData("clean-window", images, heldOut.clean(), null,
                parent.metadata().shape().input(), seed -> new GaussianNoise(level, seed),
                Map.of("dataset", "clean topic window (" + (images.length - bundled.length) + ") + bundled training split ("
                        + bundled.length + ")", "noise", Map.of("kind", "gaussian", "level", level)));
        ModelRecord trained = run.train(config.modelName(), config.architecture(), parent.metadata().shape(),
                parent.version() + 1, Optional.of(parent), data);
        double candidateDb = ((Number) trained.metadata().metrics().get("psnr_db")).doubleValue();
        if (config.gate().isPresent()) {
            EvaluationGate.Verdict verdict = config.gate().get().judge(championPsnrDb(parent), candidateDb);
            LOG.info("round for {} v{}: {}", trained.name(), trained.version(), verdict.comparison());
            if (!verdict.publish()) {
                metrics.candidateRejected(images.length, candidateDb);
                return parent;
            }
        }
        publisher.publish(trained);
        metrics.roundFinished(images.length, trained.version(), candidateDb);
        LOG.info("published {} v{}: held-out PSNR {} dB (parent v{}: {} dB)", trained.name(), trained.version(),
                String.format("%.2f", trained.metadata().metrics().get("psnr_db")), parent.version(),
                parent.metadata().metrics() == null ? "?" : parent.metadata().metrics().get("psnr_db"));
        return trained;
    }

    private float[][] trainingImages() {
        List<float[]> all = new ArrayList<>(Arrays.asList(bundled));
        all.addAll(Arrays.asList(window.snapshot()));
        return all.toArray(float[][]::new);
    }


    /** Asks {@link #run(int)} to return after the current round; safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    /** Releases the Kafka clients; call after {@link #run(int)} returned. */
    @Override
    public void close() {
        window.close();
        publisher.close();
    }

    /** The version in use, scored on the same held-out inputs as the candidate. */
    private double championPsnrDb(ModelRecord champion) {
        try (DenoisingModel model = DenoisingModel.load(champion)) {
            return heldOut.modelPsnrDb(model);
        }
    }

    /** Only versions this trainer's own key signed (or, without a key, unsigned ones) are trained further. */
    private ModelTrust ownModels() {
        return config.signingKey().map(pair -> ModelTrust.of(List.of(pair.getPublic()), false))
                .orElseGet(() -> ModelTrust.of(List.of(), true));
    }
}

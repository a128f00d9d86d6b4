package io.denoiser.train;

import io.denoiser.config.BuildVersion;
import io.denoiser.data.PhotoPatches;
import io.denoiser.embedding.ModelEmbedder;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.Architecture;
import io.denoiser.model.ImageTiling;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.modeltopic.ModelHistory;
import io.denoiser.modeltopic.ModelPublisher;
import io.denoiser.modeltopic.ModelTopicReader;
import io.denoiser.modeltopic.ModelTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer process: every interval, or as soon as enough new clean samples arrived, it continues
 * training from the version in use (or the shipped default), judges the candidate against that champion
 * on a fixed held-out set, and publishes it as the next version only if it is better. For a tiled image
 * design the clean topic may carry images of any size; each round trains on random patches cut from them.
 */
public final class TrainerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    /** Plus the version: each round's embedding is fitted on a noisy copy of its own. */
    private static final long EMBEDDING_NOISE_SEED = 7_000;
    /** How often the wait between rounds looks for new clean samples. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final TrainerConfig config;
    private final TrainerMetrics metrics;
    private final CleanSampleWindow window;
    private final ModelPublisher publisher;
    private final HeldOutEvaluation heldOut;
    private final float[][] bundled;
    private final ModelEmbedder embedder;
    /** A tiled design: the window keeps images of any size and each round cuts patches from them. */
    private final boolean patchesFromWindow;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final TrainerHealth health = new TrainerHealth();
    private int rounds;

    public TrainerService(TrainerConfig config, TrainerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        TrainingData data = config.data();
        Optional<ImageTiling> tiling = config.architecture().tiling();
        this.patchesFromWindow = tiling.isPresent();
        CleanSampleShape accepted = tiling.map(t -> CleanSampleShape.anyImage(t, config.photos().patchSize()))
                .orElseGet(() -> CleanSampleShape.fixed(Arrays.stream(data.recordShape()).reduce(1, Math::multiplyExact)));
        this.window = new CleanSampleWindow(config.kafka(), config.cleanTopic(), config.windowSize(),
                config.windowElements(), accepted);
        this.publisher = new ModelPublisher(config.kafka().baseProperties(), config.topics().models(),
                config.signingKey());
        this.heldOut = new HeldOutEvaluation(data.heldOut(), data.noise().apply(HeldOutEvaluation.NOISE_SEED), data.recordShape());
        this.bundled = config.useBundledData() ? data.training() : new float[0][];
        this.embedder = new ModelEmbedder(config.embedding());
    }

    /**
     * Runs {@code rounds} rounds (0 = until {@link #stop()}), each after the interval or enough new samples. A
     * failed round ends a counted run; run until stopped, the trainer reports it on its health and tries again.
     */
    public void run(int rounds) throws InterruptedException {
        for (int round = 1; rounds == 0 || round <= rounds; round++) {
            attemptRound(rounds == 0);
            if ((rounds == 0 || round < rounds) && awaitNextRound()) {
                return;
            }
        }
    }

    private void attemptRound(boolean retryOnFailure) {
        try {
            runRound();
        } catch (RuntimeException e) {
            health.roundFailed(e);
            if (!retryOnFailure) {
                throw e;
            }
            LOG.error("training round failed; the next starts after the interval", e);
        }
    }

    /**
     * Waits for the interval or {@code retrainAfter} new samples; true if stopped meanwhile. After a failed read
     * it stops reading until the next round, which reads again.
     */
    private boolean awaitNextRound() throws InterruptedException {
        long deadline = System.nanoTime() + config.interval().toNanos();
        int fresh = 0;
        boolean reading = true;
        while (System.nanoTime() < deadline) {
            long waitMillis = Math.min(CHECK_EVERY.toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            if (stopped.await(waitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
            health.progressed();
            try {
                fresh += reading ? catchUp() : 0;
            } catch (RuntimeException e) {
                reading = false;
                LOG.error("reading {} failed", config.cleanTopic(), e);
            }
            if (config.retrainAfter() > 0 && fresh >= config.retrainAfter()) {
                LOG.info("{} new clean samples: starting a round before the interval ends", fresh);
                return false;
            }
        }
        return false;
    }

    /**
     * One round: catch up on clean samples, train from the version in use, and publish the result if the
     * gate passes it. Returns the version in use afterwards: the new one, or the champion it failed to beat.
     */
    public ModelRecord runRound() {
        int added = catchUp();
        float[][] samples = trainingSamples();
        if (samples.length == 0) {
            throw new IllegalStateException("no clean samples on " + config.cleanTopic() + " and bundled data disabled");
        }
        ModelHistory history = ModelTopicReader.history(config.kafka().baseProperties(), config.topics().models(),
                ownModels());
        ModelRecord parent = history.inUse(config.modelName()).orElseThrow(() -> new IllegalStateException(
                "no version of " + config.modelName() + " on the topic or in the jar to train from"));
        long version = history.nextReleaseAfterInUse(config.modelName());
        health.dataRead();
        LOG.info("training round: {} samples ({} new from {}), from {} v{}", samples.length, added,
                config.cleanTopic(), parent.name(), parent.version());
        TrainingRun run = new TrainingRun(config.settings(), heldOut, new RoundProgress(health));
        ModelRecord trained = run.train(config.modelName(), architectureOf(parent), shapeOf(parent), version,
                Optional.of(parent), windowData(samples));
        // its latent records stay comparable with the parent's when the alignment holds, so indexes survive the swap
        long embeddingSeed = EMBEDDING_NOISE_SEED + version;
        ModelRecord inUse = consider(embedder.attach(trained, Optional.of(parent), samples,
                config.data().noise().apply(embeddingSeed), embeddingSeed), parent);
        health.roundFinished();
        return inUse;
    }

    /**
     * The gate: publishes {@code candidate} if it beats {@code champion} by the margin (or there is no
     * gate) and returns what is in use afterwards; logs the comparison either way.
     */
    public ModelRecord consider(ModelRecord candidate, ModelRecord champion) {
        double candidateDb = psnrDb(candidate);
        if (config.gate().isPresent()) {
            EvaluationGate.Verdict verdict = config.gate().get().judge(psnrDb(champion), candidateDb);
            LOG.info("round for {} v{} (parent v{}): {}", candidate.name(), candidate.version(), champion.version(),
                    verdict.comparison());
            if (!verdict.publish()) {
                metrics.candidateRejected(window.size() + bundled.length, candidateDb);
                return champion;
            }
        }
        publisher.publish(candidate);
        metrics.roundFinished(window.size() + bundled.length, candidate.version(), candidateDb);
        LOG.info("published {} v{}: held-out PSNR {} dB", candidate.name(), candidate.version(),
                String.format(Locale.ROOT, "%.2f", candidateDb));
        return candidate;
    }

    /** What its /health/live and /health/ready answer. */
    public TrainerHealth health() {
        return health;
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

    /** Reads the clean samples that arrived since the last read; a read that fails is a dead consumer until one succeeds. */
    private int catchUp() {
        try {
            int added = window.catchUp();
            health.consumerCaughtUp();
            return added;
        } catch (RuntimeException e) {
            health.consumerFailed(e);
            throw e;
        }
    }

    private float[][] trainingSamples() {
        List<float[]> all = new ArrayList<>(Arrays.asList(bundled));
        all.addAll(Arrays.asList(patchesFromWindow ? windowPatches() : window.snapshot()));
        return all.toArray(float[][]::new);
    }

    /** Fresh random patches of the window's images, different every round (the seed moves on with the rounds). */
    private float[][] windowPatches() {
        rounds++;
        if (window.size() == 0) {
            return new float[0][];
        }
        PhotoSettings photos = config.photos();
        return PhotoPatches.training(window.planes(), photos.patchSize(), photos.patches(),
                config.settings().seed() + rounds);
    }

    /** The round's training records, described (with the window's topic offsets) for the metadata. */
    private TrainingData windowData(float[][] samples) {
        TrainingData data = config.data();
        Map<String, Object> description = new LinkedHashMap<>(data.description());
        String fromWindow = patchesFromWindow
                ? window.size() + " images, " + (samples.length - bundled.length) + " random "
                        + config.photos().patchSize() + "x" + config.photos().patchSize() + " patches of them"
                : Integer.toString(window.size());
        description.put("dataset", "clean topic window (" + fromWindow + ") + bundled " + data.name()
                + " training records (" + bundled.length + ")");
        description.put("window", window.position());
        description.put("app_version", BuildVersion.current());
        return new TrainingData("clean-window", samples, data.heldOut(), data.heldOutLabels(), data.recordShape(),
                data.noise(), description);
    }

    /**
     * A round continues its parent, so it trains the parent's design: the configured architecture names the
     * design only for a model with no earlier version, and the parameters of one design do not fit another.
     */
    private Architecture architectureOf(ModelRecord parent) {
        Architecture architecture = Architecture.fromId(parent.metadata().architecture());
        if (architecture != config.architecture()) {
            LOG.warn("{} v{} is a {} model: the round continues it as {}, not as the configured {}", parent.name(),
                    parent.version(), architecture.id(), architecture.id(), config.architecture().id());
        }
        return architecture;
    }

    /**
     * The parent's shapes, checked against the records this trainer reads; a tiled design's input shape is one
     * inference tile, and it trains on patches of any size.
     */
    private ModelShape shapeOf(ModelRecord parent) {
        ModelShape shape = parent.metadata().shape();
        if (!patchesFromWindow && !Arrays.equals(shape.input(), config.data().recordShape())) {
            throw new IllegalStateException(parent.name() + " takes " + Arrays.toString(shape.input())
                    + " but the training data has records of " + Arrays.toString(config.data().recordShape()));
        }
        return shape;
    }

    /** Every model is scored on the very same held-out inputs. */
    private double psnrDb(ModelRecord record) {
        try (DenoisingModel model = DenoisingModel.load(record)) {
            return heldOut.modelPsnrDb(model);
        }
    }

    /** Only versions this trainer's own key signed (or, without a key, unsigned ones) are trained further. */
    private ModelTrust ownModels() {
        return config.signingKey().map(pair -> ModelTrust.of(List.of(pair.getPublic()), false))
                .orElseGet(() -> ModelTrust.of(List.of(), true));
    }
}

package io.denoiser.bench;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.OutputFormat;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import io.denoiser.model.InferenceEngineKind;
import io.denoiser.model.ModelRecord;
import io.denoiser.stream.DenoiserApp;
import io.denoiser.stream.DenoiserService;
import io.denoiser.stream.ModelSources;
import io.denoiser.topics.TopicApplier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput and latency of the denoiser topology on a real broker, in one run: the same pre-produced
 * noisy digits through (a) per-record inference (batches of 1) and (b) micro-batches, against (c) the
 * model alone, and micro-batches once more with the batch buffer's changelog off, for the price of
 * durability; then end-to-end latency at a fixed offered load, after {@link #WARM_UP} of that load. Each
 * phase runs its own application id and output topics, so phases never see each other's records.
 */
public final class StreamBenchmark {

    /**
     * Figures of one run.
     *
     * @param batchedUnloggedRps micro-batched with the batch buffer's changelog off: what exactly-once
     *                           durability of buffered records costs, never a way to serve
     */
    public record Result(double perRecordRps, double batchedRps, double batchedUnloggedRps, double modelOnlyRps,
                         List<Latency> latencies) {
    }

    /** End-to-end latency, produce to committed output, at one offered load. */
    public record Latency(double offeredRps, double p50Ms, double p99Ms) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamBenchmark.class);
    private static final int PARTITIONS = 3;
    /** Share of a throughput phase's outputs that its timing leaves out as start-up. */
    static final double STEADY_FROM = 0.1;
    /** Load offered before the latency phase starts counting. */
    static final Duration WARM_UP = Duration.ofSeconds(3);

    private final KafkaConnection kafka;
    private final TopicNames shared;
    private final ModelRecord model;
    private final int records;
    private final int batchSize;
    private final long maxWaitMs;
    private final long commitIntervalMs;
    private final InferenceEngineKind engine;

    /**
     * @param shared           the deployment's topics: models and dead letters
     * @param maxWaitMs        longest a record waits for its batch, as {@code serve --max-wait-ms}
     * @param commitIntervalMs transaction length, as {@code serve --commit-interval-ms}
     * @param engine           what runs the model, in the stream and alone, as {@code serve --engine}
     */
    public StreamBenchmark(KafkaConnection kafka, TopicNames shared, ModelRecord model, int records, int batchSize, long maxWaitMs,
                           long commitIntervalMs, InferenceEngineKind engine) {
        this.kafka = kafka;
        this.shared = shared;
        this.model = model;
        this.records = records;
        this.batchSize = batchSize;
        this.maxWaitMs = maxWaitMs;
        this.commitIntervalMs = commitIntervalMs;
        this.engine = engine;
    }

    /** One phase's topics. */
    private record PhaseTopics(String input, String denoised, String latent) {
        static PhaseTopics create(String phase, String input) {
            return new PhaseTopics(input, topic(phase + "-denoised"), topic(phase + "-latent"));
        }
    }

    /** @param offeredRps the loads of the latency phases, one phase each, in this order */
    public Result run(List<Double> offeredRps, Duration latencyPhase) throws Exception {
        String input = topic("input");
        PhaseTopics perRecordTopics = PhaseTopics.create("per-record", input);
        PhaseTopics batchedTopics = PhaseTopics.create("batched", input);
        PhaseTopics unloggedTopics = PhaseTopics.create("batched-unlogged", input);
        List<PhaseTopics> latencyTopics = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(input, perRecordTopics.denoised(), perRecordTopics.latent(),
                batchedTopics.denoised(), batchedTopics.latent(), unloggedTopics.denoised(), unloggedTopics.latent()));
        for (int i = 0; i < offeredRps.size(); i++) {
            PhaseTopics topics = PhaseTopics.create("latency", topic("latency-input"));
            latencyTopics.add(topics);
            names.addAll(List.of(topics.input(), topics.denoised(), topics.latent()));
        }
        // Every topic exists before anything writes to it, so no phase races a partition's creation.
        createTopics(names);
        byte[][] values = noisyDigits();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < values.length; i++) {
                producer.send(new ProducerRecord<>(input, "digit-" + i, values[i]));
            }
            producer.flush();
        }
        // The model alone first, in a quiet process: measured after the Kafka phases, it read as low as half
        // its standalone figure (2,974 against 6,169 images/s), which flattered batched_vs_model_only.
        double modelOnly = ModelBenchmark.median(new ModelBenchmark(model, batchSize, 1, BenchedEngine.of(engine))
                .measure(2, 5, 1));
        double perRecord = throughput(perRecordTopics, 1, true);
        double batched = throughput(batchedTopics, batchSize, true);
        double unlogged = throughput(unloggedTopics, batchSize, false);
        List<Latency> latencies = new ArrayList<>();
        for (int i = 0; i < offeredRps.size(); i++) {
            latencies.add(latency(latencyTopics.get(i), values, offeredRps.get(i), latencyPhase));
        }
        return new Result(perRecord, batched, unlogged, modelOnly, latencies);
    }

    /**
     * Records per second from the arrival of the first tenth of the outputs ({@link #STEADY_FROM}) to the last
     * (read_committed, over every pre-produced record): the steady rate, as the model alone is timed after its
     * warm-up. The first outputs carry a fresh application id's start-up: its first transactions can stall for
     * most of a second, which at the onnxruntime engine's rate is a large part of a short phase.
     */
    private double throughput(PhaseTopics topics, int batch, boolean bufferChangelog) throws Exception {
        Pipeline pipeline = new Pipeline("images", topics.input(), topics.denoised(), topics.latent(), model.name(),
                batch, maxWaitMs, OutputFormat.AS_INPUT, false).withEngine(engine);
        long steadyFrom = Math.max(1, (long) (records * STEADY_FROM));
        try (OutputWatcher outputs = new OutputWatcher(kafka, topics.denoised(), steadyFrom);
             DenoiserApp app = app(pipeline, bufferChangelog)) {
            app.start();
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("denoiser did not start");
            }
            outputs.awaitCount(records, Duration.ofMinutes(10));
            LOG.info("batch {}{}: stream thread time shares {}", batch, bufferChangelog ? "" : " (buffer unlogged)",
                    app.threadTimeShares());
            return (records - steadyFrom) / ((outputs.lastArrivalNanos() - outputs.markNanos()) / 1e9);
        }
    }

    private Latency latency(PhaseTopics topics, byte[][] values, double offeredRps, Duration phase) throws Exception {
        Pipeline pipeline = new Pipeline("images", topics.input(), topics.denoised(), topics.latent(), model.name(),
                batchSize, maxWaitMs, OutputFormat.AS_INPUT, false).withEngine(engine);
        try (OutputWatcher outputs = new OutputWatcher(kafka, topics.denoised());
             DenoiserApp app = app(pipeline, true);
             KafkaProducer<String, byte[]> producer = producer()) {
            app.start();
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                throw new IllegalStateException("denoiser did not start");
            }
            // The same load first runs unmeasured for a while: the first transactions and fetches of a fresh
            // application id stall for hundreds of milliseconds, a start-up cost and not the steady latency.
            int sent = PacedSender.send(producer, topics.input(), values, offeredRps, WARM_UP, OutputWatcher.WARM_UP_PREFIX);
            sent += PacedSender.send(producer, topics.input(), values, offeredRps, phase, "paced-");
            outputs.awaitCount(sent, Duration.ofMinutes(2));
            return new Latency(offeredRps, outputs.latencyPercentileMs(50), outputs.latencyPercentileMs(99));
        }
    }

    private DenoiserApp app(Pipeline pipeline, boolean bufferChangelog) throws Exception {
        Path state = Files.createTempDirectory("denoiser-bench-state");
        DenoiserConfig config = DenoiserConfig.builder(kafka, shared, state)
                .applicationId("denoiser-bench-" + UUID.randomUUID().toString().substring(0, 8))
                .commitIntervalMs(commitIntervalMs)
                .pipelines(List.of(pipeline))
                .bufferChangelog(bufferChangelog)
                .build();
        return DenoiserService.assemble(config, ModelSources.of(List.of(model)), new SimpleMeterRegistry());
    }

    private byte[][] noisyDigits() {
        MnistDataset digits = MnistDataset.bundled();
        GaussianNoise noise = new GaussianNoise(0.5, 11);
        TensorCodec codec = new TensorCodec(1 << 20);
        byte[][] values = new byte[records][];
        for (int i = 0; i < records; i++) {
            values[i] = codec.encodeUint8(new Tensor(new int[] {28, 28}, noise.apply(digits.image(i % digits.size()))));
        }
        return values;
    }

    private void createTopics(List<String> names) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, PARTITIONS, (short) -1));
        }
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            admin.createTopics(topics).all().get();
            TopicApplier.awaitLeaders(admin, names);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = kafka.baseProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static String topic(String role) {
        return "denoiser.bench." + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.metrics.Readiness;
import io.denoiser.model.DenoisingModel;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running denoiser: a Kafka Streams client over {@link DenoiserTopology}. Pipelines whose model has no
 * version yet wait outside the topology; when the models topic brings one, the client is closed cleanly
 * and a new one started with the pipeline in. Each batch buffer is changelogged under its store's name, not
 * its task's number, so a renumbered task restores its buffer and nothing buffered is lost or repeated.
 */
public final class DenoiserApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiserApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** One Kafka Streams client and the pipelines its topology runs. */
    private record Client(KafkaStreams streams, KafkaStreamsMetrics metrics, List<Pipeline> serving) {
    }

    private final DenoiserConfig config;
    private final ModelRegistry registry;
    private final DenoiserMetrics metrics;
    private final CountDownLatch running = new CountDownLatch(1);
    private final InferenceWorkers inference;
    /** Restarts run here: closing a client from its own global thread would wait for that thread forever. */
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "denoiser-restart");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Client client;
    private volatile boolean restarting;
    private volatile boolean closed;

    public DenoiserApp(DenoiserConfig config, ModelRegistry registry, DenoiserMetrics metrics) {
        this(config, registry, metrics, ForwardPass.MODEL);
    }

    /** A denoiser whose forward passes {@code pass} runs: for fault tests that make passes fail or stall. */
    DenoiserApp(DenoiserConfig config, ModelRegistry registry, DenoiserMetrics metrics, ForwardPass pass) {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.inference = InferenceWorkers.dedicated(pass, config.passTimeout());
        config.pipelines().forEach(pipeline -> metrics.modelVersion(pipeline.name(), pipeline.modelName(),
                () -> registry.catalog(pipeline.modelName()).currentVersion()));
        metrics.modelCopiesOpen(DenoisingModel::openCopies);
        metrics.passRunningSeconds(() -> inference.longestRunning().map(busy -> busy.toNanos() / 1e9).orElse(0.0));
        inference.whenAWorkerEnds(registry::closeCopiesOfCurrentThread);
        this.client = newClient();
        registry.onFirstVersion(catalog -> {
            try {
                restarts.execute(this::restartForNewPipelines);
            } catch (RejectedExecutionException closing) {
                LOG.info("model {} got its first version while the denoiser closes", catalog.modelName());
            }
        });
    }

    private Client newClient() {
        List<Pipeline> serving = DenoiserTopology.servable(config.pipelines(), registry);
        KafkaStreams streams = new KafkaStreams(DenoiserTopology.build(config.toBuilder().pipelines(serving).build(), registry,
                metrics, inference), config.streamsProperties());
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(new StreamThreadFailureHandler());
        waiting(serving).forEach(p -> LOG.info("pipeline {} waits for a first version of model {} on {}; "
                + "nothing is read from {} meanwhile", p.name(), p.modelName(), config.topics().models(), p.inputTopic()));
        return new Client(streams, streamsMetrics, serving);
    }

    public void start() {
        client.streams().start();
    }

    /** Replaces the client by one whose topology also runs the pipelines whose model got its first version. */
    private synchronized void restartForNewPipelines() {
        Client old = client;
        if (closed || DenoiserTopology.servable(config.pipelines(), registry).equals(old.serving())) {
            return;
        }
        restarting = true;
        try {
            LOG.info("a waiting model has its first version: restarting the streams client to start {}",
                    names(DenoiserTopology.servable(config.pipelines(), registry)));
            close(old);
            client = newClient();
            client.streams().start();
        } finally {
            restarting = false;
        }
    }

    private List<Pipeline> waiting(List<Pipeline> serving) {
        return config.pipelines().stream().filter(p -> !serving.contains(p)).toList();
    }

    private static String names(List<Pipeline> pipelines) {
        return pipelines.stream().map(Pipeline::name).collect(Collectors.joining(", "));
    }

    /**
     * Where the stream threads' time went, from Kafka Streams' own thread metrics: the shares of wall time
     * spent polling, processing (our decode, buffering and forwarding, and waiting for the
     * inference thread when the model is the bottleneck), punctuating (flushes by the maximum wait) and
     * committing, averaged over their recent window.
     */
    public Map<String, Double> threadTimeShares() {
        Map<String, Double> shares = new TreeMap<>();
        client.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")
                    && metric.metricValue() instanceof Double value && !value.isNaN()) {
                shares.merge(name.name(), value, Double::sum);
            }
        });
        return shares;
    }

    /** Waits until the client is RUNNING; false if it did not get there in time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return client.streams().state();
    }

    /** Ready when the streams client is RUNNING and every pipeline serves; otherwise says what it waits for. */
    public Readiness ready() {
        if (restarting) {
            return Readiness.down("streams client restarting to start the pipelines of a model's first version");
        }
        Client current = client;
        List<Pipeline> waiting = waiting(current.serving());
        if (!waiting.isEmpty()) {
            return Readiness.down(waiting.stream().map(p -> "pipeline " + p.name() + " waits for a first version of model "
                    + p.modelName() + " on " + config.topics().models()).collect(Collectors.joining("; ")));
        }
        KafkaStreams.State state = current.streams().state();
        return state == KafkaStreams.State.RUNNING ? Readiness.UP : Readiness.down("streams client " + state);
    }

    /**
     * Alive unless the streams client failed or was shut down (a restart to add a pipeline is alive), or a
     * forward pass has outrun the pass timeout: nothing in the process can end a hung native call.
     */
    public Readiness live() {
        Optional<String> hung = inference.hungPass();
        if (hung.isPresent()) {
            return Readiness.down(hung.get());
        }
        KafkaStreams.State state = client.streams().state();
        return restarting || state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR ? Readiness.UP : Readiness.down("streams client " + state);
    }

    public ModelRegistry registry() {
        return registry;
    }

    private static void close(Client client) {
        if (!client.streams().close(CLOSE_TIMEOUT)) {
            LOG.warn("streams client still closing after {}; its stream threads may outlive it", CLOSE_TIMEOUT);
        }
        client.metrics().close();
    }

    @Override
    public void close() {
        closed = true;
        restarts.shutdown();
        try {
            // A restart under way finishes first, so the client closed below is the last one started.
            restarts.awaitTermination(2 * CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(client);
        inference.close();
    }
}

package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.metrics.DenoiserMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running denoiser: a Kafka Streams client over {@link DenoiserTopology}. */
public final class DenoiserApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiserApp.class);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ModelRegistry registry;
    private final CountDownLatch running = new CountDownLatch(1);
    private final InferenceWorkers inference = InferenceWorkers.dedicated();

    public DenoiserApp(DenoiserConfig config, ModelRegistry registry, DenoiserMetrics metrics) {
        this.registry = registry;
        this.streams = new KafkaStreams(DenoiserTopology.build(config, registry, metrics, inference),
                config.streamsProperties());
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        config.pipelines().forEach(pipeline -> metrics.modelVersion(pipeline.name(), pipeline.modelName(),
                () -> registry.catalog(pipeline.modelName()).currentVersion()));
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public void start() {
        streams.start();
    }

    /**
     * Where the stream threads' time went, from Kafka Streams' own thread metrics: the shares of wall time
     * spent polling, processing (our decode, buffering and forwarding, and waiting for the
     * inference thread when the model is the bottleneck), punctuating (flushes by the maximum wait) and
     * committing, averaged over their recent window.
     */
    public Map<String, Double> threadTimeShares() {
        Map<String, Double> shares = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
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
        return streams.state();
    }

    /** Ready to serve: the streams client is RUNNING (every pipeline has a model from construction on). */
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Alive unless the streams client failed or was shut down. */
    public boolean live() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        inference.close();
        streamsMetrics.close();
    }
}

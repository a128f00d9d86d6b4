package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import java.time.Duration;
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
    private final ModelRegistry registry;
    private final CountDownLatch running = new CountDownLatch(1);

    public DenoiserApp(DenoiserConfig config, ModelRegistry registry) {
        this.registry = registry;
        this.streams = new KafkaStreams(DenoiserTopology.build(config, registry), config.streamsProperties());
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

    /** Waits until the client is RUNNING; false if it did not get there in time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}

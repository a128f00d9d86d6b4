package io.denoiser.similar;

import io.denoiser.metrics.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code similar} service: the latent consumer feeding the index, and one HTTP server for the queries
 * ({@code /neighbours}, {@code /spaces}), {@code /metrics} and {@code /health/*}, like {@code serve}'s.
 */
public final class SimilarService implements AutoCloseable {

    /** Queries answered at once; more are refused with 503 (a query takes milliseconds). */
    private static final int QUERY_THREADS = 4;

    private final LatentIndex index;
    private final LatentConsumer consumer;
    private final MetricsServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    public SimilarService(SimilarConfig config, PrometheusMeterRegistry registry) throws IOException {
        SimilarMetrics metrics = new SimilarMetrics(registry);
        IndexDirectories directories = config.indexDirectory().isPresent()
                ? IndexDirectories.onDisk(config.indexDirectory().get()) : IndexDirectories.inMemory();
        index = new LatentIndex(directories, config.spacesPerModel(), metrics);
        consumer = new LatentConsumer(config, index, metrics);
        server = new MetricsServer(config.httpAddress(), config.httpPort(), registry, consumer::live, consumer::ready);
        server.route("/neighbours", QUERY_THREADS, new NeighboursHandler(index, config.maxK(), metrics));
        server.route("/spaces", 1, new SpacesHandler(index));
        consumer.start();
    }

    public int port() {
        return server.port();
    }

    /** True once everything in the topics at start is searchable. */
    public boolean ready() {
        return consumer.ready().ready();
    }

    /** Stops serving, then consuming; safe to call again (the shutdown hook and the command both do). */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.close();
        try {
            consumer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

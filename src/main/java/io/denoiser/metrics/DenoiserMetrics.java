package io.denoiser.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * What the denoiser counts and times, per pipeline: records in, out and dead-lettered (by reason), batch
 * sizes, inference time, end-to-end latency (record timestamp to output) and the model version served.
 *
 * <p>Records are counted when this instance reads or forwards them, inside a transaction that may still
 * abort; a counter cannot be rolled back, and no processor hears of its task's commits. So under
 * exactly-once the counters count work done (a record of an aborted transaction, or one restored after a
 * crash and forwarded again, counts again), not committed records: those are the output topics read with
 * {@code read_committed}, and the consumer group's offsets. Results a pass computed for a task that closed
 * meanwhile are not forwarded and not counted.
 */
public final class DenoiserMetrics {

    private static final String PIPELINE = "pipeline";

    private final MeterRegistry registry;

    public DenoiserMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void recordIn(String pipeline) {
        counter("denoiser.records.in", "Records read from the pipeline's input topic, re-reads included", pipeline)
                .increment();
    }

    /** One record's denoised output and latent vector forwarded to their topics. */
    public void recordOut(String pipeline) {
        counter("denoiser.records.out", "Records denoised and forwarded, re-forwards included", pipeline).increment();
    }

    /** One forward pass that denoised {@code size} records, of at most {@code maxSize}, in {@code inferenceNanos}. */
    public void batchDenoised(String pipeline, int size, int maxSize, long inferenceNanos) {
        DistributionSummary.builder("denoiser.batch.size").description("Records per forward pass")
                .tag(PIPELINE, pipeline).serviceLevelObjectives(batchSizeBuckets(maxSize)).register(registry)
                .record(size);
        Timer.builder("denoiser.inference").description("Forward pass time per batch").tag(PIPELINE, pipeline)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(inferenceNanos));
    }

    /** Time from the input record's timestamp until its outputs were forwarded. */
    public void endToEnd(String pipeline, long millis) {
        Timer.builder("denoiser.end.to.end").description("Input record timestamp to output, as seen by the denoiser")
                .tag(PIPELINE, pipeline).publishPercentileHistogram().register(registry)
                .record(Duration.ofMillis(Math.max(0, millis)));
    }

    public void deadLettered(String pipeline, String reason) {
        Counter.builder("denoiser.records.dead.lettered").description("Records sent to the dead-letter topic")
                .tag(PIPELINE, pipeline).tag("reason", reason).register(registry).increment();
    }

    public void modelRejected(String reason) {
        Counter.builder("denoiser.models.rejected").description("Model records refused: unsigned, badly signed, "
                + "unknown key, malformed, unloadable, of another input shape, under another key or older than the "
                + "version in use").tag("reason", reason).register(registry)
                .increment();
    }

    /** A record with the release in use but other content: two publishers took one release number. */
    public void modelEqualRelease() {
        Counter.builder("denoiser.models.equal.release").description("Model records under the release in use but "
                + "with other content (two publishers); the later one is adopted, as compaction keeps it")
                .register(registry).increment();
    }

    /** Reports the version a pipeline serves, read when scraped. */
    public void modelVersion(String pipeline, String model, Supplier<Number> version) {
        Gauge.builder("denoiser.model.version", version).description("Model version currently served")
                .tag(PIPELINE, pipeline).tag("model", model).register(registry);
    }

    /** Network copies open in this process: one per stream thread per model served, while no swap is under way. */
    public void modelCopiesOpen(Supplier<Number> copies) {
        Gauge.builder("denoiser.model.copies.open", copies).description("Model network copies built and not yet "
                + "closed: one per stream thread per model, plus a new version's trial or rebuild for a moment")
                .register(registry);
    }

    /** Seconds the longest forward pass now running has run: climbing towards the pass timeout means a slow pass. */
    public void passRunningSeconds(Supplier<Number> seconds) {
        Gauge.builder("denoiser.pass.running.seconds", seconds).description("How long the longest forward pass (or "
                + "model warm-up) now running has run, 0 when none runs; at the pass timeout /health/live turns DOWN")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Powers of two up to the largest batch, and the largest itself: a dozen buckets say how full passes run,
     * where Micrometer's percentile histogram would publish 276.
     */
    static double[] batchSizeBuckets(int maxSize) {
        DoubleStream powersOfTwo = IntStream.iterate(1, bound -> bound < maxSize, bound -> bound * 2).asDoubleStream();
        return DoubleStream.concat(powersOfTwo, DoubleStream.of(maxSize)).toArray();
    }

    private Counter counter(String name, String description, String pipeline) {
        return Counter.builder(name).description(description).tag(PIPELINE, pipeline).register(registry);
    }
}

package io.denoiser.similar;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** What {@code similar} counts and times: records indexed and skipped, documents per space, query latency, lag. */
final class SimilarMetrics {

    private final MeterRegistry registry;
    private final Map<String, Gauge> spaceGauges = new ConcurrentHashMap<>();

    SimilarMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void indexed(String model) {
        Counter.builder("similar.records.indexed").description("Latent records put into the index, replacements included")
                .tag("model", model).register(registry).increment();
    }

    /** A record that cannot be indexed: not a tensor, no model header, a zero vector, or of a space's wrong size. */
    void skipped(String reason) {
        Counter.builder("similar.records.skipped").description("Latent records left out of the index, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    /** Reports a space's searchable documents until {@link #spaceClosed}; spaces come and go with model versions. */
    void spaceOpened(String space, String model, Supplier<Number> documents) {
        spaceGauges.put(space, Gauge.builder("similar.index.documents", documents)
                .description("Documents (keys) searchable in a space's index").tag("space", space).tag("model", model)
                .register(registry));
    }

    void spaceClosed(String space) {
        Gauge gauge = spaceGauges.remove(space);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    /** One answered query; {@code by} is {@code key} or {@code vector}. */
    void query(String by, long nanos) {
        Timer.builder("similar.query").description("Time to answer a nearest-neighbour query").tag("by", by)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    void lag(Supplier<Number> records) {
        Gauge.builder("similar.consumer.lag", records).description("Records of the latent topics not yet indexed")
                .baseUnit("records").register(registry);
    }
}

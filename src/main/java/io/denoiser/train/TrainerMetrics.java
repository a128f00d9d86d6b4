package io.denoiser.train;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the trainer reports on its /metrics: rounds, versions published, and the last round's figures. */
public final class TrainerMetrics {

    private final Counter rounds;
    private final Counter published;
    private final Counter rejected;
    private final AtomicReference<Double> lastPsnr = new AtomicReference<>(Double.NaN);
    private final AtomicLong windowSize = new AtomicLong();
    private final AtomicLong lastVersion = new AtomicLong();

    public TrainerMetrics(MeterRegistry registry) {
        rounds = Counter.builder("trainer.rounds").description("Training rounds finished").register(registry);
        published = Counter.builder("trainer.versions.published").description("Model versions published")
                .register(registry);
        rejected = Counter.builder("trainer.candidates.rejected")
                .description("Candidates the evaluation gate kept from publication").register(registry);
        Gauge.builder("trainer.last.psnr", lastPsnr, AtomicReference::get).baseUnit("db")
                .description("Held-out PSNR of the last trained version").register(registry);
        Gauge.builder("trainer.window.size", windowSize, AtomicLong::get)
                .description("Clean records in the training window").register(registry);
        Gauge.builder("trainer.last.version", lastVersion, AtomicLong::get)
                .description("Version of the last model published").register(registry);
    }

    void candidateRejected(int window, double psnr) {
        rounds.increment();
        rejected.increment();
        windowSize.set(window);
        lastPsnr.set(psnr);
    }

    void roundFinished(int window, long version, double psnr) {
        rounds.increment();
        published.increment();
        windowSize.set(window);
        lastVersion.set(version);
        lastPsnr.set(psnr);
    }
}

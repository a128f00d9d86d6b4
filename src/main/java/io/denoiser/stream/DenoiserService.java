package io.denoiser.stream;

import io.denoiser.config.DenoiserConfig;
import io.denoiser.metrics.DenoiserMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;

/**
 * The denoiser as {@code serve}, {@code demo} and {@code bench stream} run it, assembled in one place so
 * the three run the same service: a catalog per model of the config's pipelines, each on its first
 * version from {@code models} and adopting new ones by the pipelines' policy, and the Kafka Streams app
 * over them reporting to {@code meters}.
 */
public final class DenoiserService {

    private DenoiserService() {
    }

    public static DenoiserApp assemble(DenoiserConfig config, ModelSources models, MeterRegistry meters)
            throws IOException {
        ModelRegistry registry = models.registry(config.pipelines(), config.maxTensorElements());
        return new DenoiserApp(config, registry, new DenoiserMetrics(meters));
    }
}

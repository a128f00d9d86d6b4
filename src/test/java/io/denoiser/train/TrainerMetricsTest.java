package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class TrainerMetricsTest {

    @Test
    void shouldNameEveryMetricInLowerSnakeCase() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TrainerMetrics(registry).roundFinished(10, 2, 21.5);

        String scrape = registry.scrape();

        assertThat(scrape).contains("trainer_last_psnr_db 21.5", "trainer_rounds_total 1.0",
                "trainer_versions_published_total 1.0", "trainer_candidates_rejected_total 0.0", "trainer_window_size 10.0",
                "trainer_last_version 2.0");
        assertThat(scrape.lines().filter(line -> !line.startsWith("#")))
                .allSatisfy(line -> assertThat(line.replaceAll("[{ ].*", "")).matches("[a-z_]+"));
    }
}

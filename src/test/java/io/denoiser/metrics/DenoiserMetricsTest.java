package io.denoiser.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class DenoiserMetricsTest {

    @Test
    void shouldPublishBatchSizesInPowersOfTwoUpToTheLargestBatch() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new DenoiserMetrics(registry).batchDenoised("images", 3, 100, 1_000_000);

        assertThat(registry.scrape().lines().filter(line -> line.startsWith("denoiser_batch_size_bucket{")))
                .extracting(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .containsExactly("1.0", "2.0", "4.0", "8.0", "16.0", "32.0", "64.0", "100.0", "+Inf");
    }

    @Test
    void shouldNotRepeatALargestBatchThatIsAPowerOfTwo() {
        assertThat(DenoiserMetrics.batchSizeBuckets(128)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128);
        assertThat(DenoiserMetrics.batchSizeBuckets(1)).containsExactly(1);
    }
}

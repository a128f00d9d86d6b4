package io.denoiser.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.cli.Main;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench stream} end to end on its own in-process broker, small enough for CI; figures are not judged. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StreamBenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void shouldReportEveryFigureOfEveryPhaseConsistently() throws Exception {
        // When bench stream runs 512 records and measures latency at 200 and 400 records/s offered
        Path report = dir.resolve("bench.json");
        int exit = Main.commandLine().execute("bench", "stream", "--records", "512", "--offered-rps", "200,400",
                "--latency-seconds", "2", "--report", report.toString());

        // Then every rate is positive, the ratios agree with the rates, and each offered rate has p50 <= p99
        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(report.toFile());
        for (String rate : new String[] {"per_record_rps", "batched_rps", "batched_unlogged_rps", "model_only_rps"}) {
            assertThat(figures.get(rate).asDouble()).as(rate).isPositive();
        }
        double perRecord = figures.get("per_record_rps").asDouble();
        double batched = figures.get("batched_rps").asDouble();
        assertThat(figures.get("batched_vs_per_record").asDouble()).isCloseTo(batched / perRecord,
                offset(0.01));
        assertThat(figures.get("batched_vs_model_only").asDouble())
                .isCloseTo(batched / figures.get("model_only_rps").asDouble(), offset(0.01));
        assertThat(figures.get("changelog_cost").asDouble())
                .isCloseTo(1 - batched / figures.get("batched_unlogged_rps").asDouble(), offset(0.01));
        JsonNode latencies = figures.get("latency");
        assertThat(latencies).hasSize(2);
        assertThat(latencies.get(0).get("offered_rps").asDouble()).isEqualTo(200.0);
        assertThat(latencies.get(1).get("offered_rps").asDouble()).isEqualTo(400.0);
        for (JsonNode latency : latencies) {
            assertThat(latency.get("p50_ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(latency.get("p99_ms").asDouble());
        }
    }
}

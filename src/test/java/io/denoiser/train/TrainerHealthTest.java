package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.metrics.MetricsServer;
import io.denoiser.metrics.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class TrainerHealthTest {

    private final AtomicLong now = new AtomicLong();
    private final TrainerHealth health = new TrainerHealth(now::get);

    @Test
    void shouldBeLiveButNotReadyUntilARoundReadItsData() {
        assertThat(health.live()).isEqualTo(Readiness.UP);
        assertThat(health.ready().body()).isEqualTo("DOWN: reading the models topic and clean samples\n");

        health.dataRead();

        assertThat(health.ready()).isEqualTo(Readiness.UP);
    }

    @Test
    void shouldBeUnreadyWithTheReasonAfterAFailedRoundUntilOneFinishes() {
        health.dataRead();

        health.roundFailed(new IllegalStateException("no clean samples\non denoiser.images.clean"));

        assertThat(health.live()).isEqualTo(Readiness.UP);
        assertThat(health.ready().body())
                .isEqualTo("DOWN: last round failed: IllegalStateException: no clean samples on denoiser.images.clean\n");
        health.roundFinished();
        assertThat(health.ready()).isEqualTo(Readiness.UP);
    }

    @Test
    void shouldGiveTheFailureOfARoundThatFailedBeforeReadingItsData() {
        health.roundFailed(new IllegalStateException("no clean samples"));

        assertThat(health.ready().body()).isEqualTo("DOWN: last round failed: IllegalStateException: no clean samples\n");
    }

    @Test
    void shouldBeDownWhileTheConsumerFails() {
        health.dataRead();

        health.consumerFailed(new KafkaException("broker gone"));

        assertThat(health.live().body()).isEqualTo("DOWN: clean-sample consumer failed: KafkaException: broker gone\n");
        assertThat(health.ready().ready()).isFalse();
        health.consumerCaughtUp();
        assertThat(health.live()).isEqualTo(Readiness.UP);
    }

    @Test
    void shouldBeDownWhenTheLoopMakesNoProgressForLong() {
        now.addAndGet(TrainerHealth.WEDGED_AFTER.toNanos() + 1_000_000_000L);

        assertThat(health.live().body()).startsWith("DOWN: training loop wedged: no progress for 901 s");
        health.progressed();
        assertThat(health.live()).isEqualTo(Readiness.UP);
    }

    @Test
    void shouldAnswerTheProbesByState() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                health::live, health::ready)) {
            assertThat(status(server, "/health/ready")).isEqualTo(503);
            health.dataRead();
            assertThat(status(server, "/health/ready")).isEqualTo(200);
            health.consumerFailed(new KafkaException("broker gone"));
            assertThat(status(server, "/health/live")).isEqualTo(503);
            assertThat(status(server, "/health/ready")).isEqualTo(503);
        }
    }

    private static int status(MetricsServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package io.denoiser.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    @Test
    void shouldDropAClientThatNeverFinishesItsRequestAndKeepAnsweringProbes() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> Readiness.UP, () -> Readiness.down("waiting for model photo"));
             Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            stalled.setSoTimeout(30_000);

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("waiting for model photo");

            long start = System.nanoTime();
            InputStream in = stalled.getInputStream();
            assertThat(in.read()).as("the server closes the stalled connection").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
        }
    }

    @Test
    void shouldListenOnlyOnTheGivenInterface() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> Readiness.UP, () -> Readiness.UP)) {
            assertThat(server.address()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void shouldAnswerTheLivenessProbeDownWithItsReason() throws Exception {
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> Readiness.down("a forward pass has run for 61000 ms"), () -> Readiness.UP)) {
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).isEqualTo("DOWN: a forward pass has run for 61000 ms\n");
        }
    }

    @Test
    void shouldRefuseRequestsBeyondARoutesThreadsAndKeepAnsweringProbes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = new MetricsServer("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> Readiness.UP, () -> Readiness.UP)) {
            server.route("/slow", 1, exchange -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            URI slow = URI.create("http://127.0.0.1:" + server.port() + "/slow");
            var first = http.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> second = http.send(HttpRequest.newBuilder(slow).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/health/live")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            release.countDown();

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        }
    }
}

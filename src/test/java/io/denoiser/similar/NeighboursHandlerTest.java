package io.denoiser.similar;

import static io.denoiser.similar.LatentVectors.along;
import static io.denoiser.similar.LatentVectors.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.metrics.MetricsServer;
import io.denoiser.metrics.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NeighboursHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SimilarMetrics metrics = new SimilarMetrics(registry);
    private final LatentIndex index = new LatentIndex(IndexDirectories.inMemory(), 2, metrics);
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        index.put(record("a", "unet", 1, along(0, 0.1f, 4)));
        index.put(record("b", "unet", 1, along(0, 0.3f, 4)));
        index.put(record("c", "unet", 1, along(2, 0f, 4)));
        index.refresh();
        server = new MetricsServer("127.0.0.1", 0, registry, () -> Readiness.UP, () -> Readiness.UP);
        server.route("/neighbours", 1, new NeighboursHandler(index, 5, metrics));
        server.route("/spaces", 1, new SpacesHandler(index));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        index.close();
    }

    @Test
    void shouldAnswerTheNeighboursOfAKeyAsJson() throws Exception {
        HttpResponse<String> response = get("/neighbours?key=a&k=2&model=unet");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode neighbours = JSON.readTree(response.body());
        assertThat(neighbours).hasSize(2);
        assertThat(neighbours.get(0).get("key").asText()).isEqualTo("b");
        assertThat(neighbours.get(0).get("score").asDouble()).isGreaterThan(neighbours.get(1).get("score").asDouble());
        assertThat(neighbours.get(0).get("model").asText()).isEqualTo("unet");
        assertThat(neighbours.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(neighbours.get(0).get("space").asText()).isEqualTo("unet@1");
    }

    @Test
    void shouldAnswerTheNeighboursOfAPostedVector() throws Exception {
        HttpResponse<String> response = post("/neighbours?k=1&space=unet%401", "{\"vector\":[0,0,1,0.1]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get(0).get("key").asText()).isEqualTo("c");
        assertThat(get("/metrics").body()).contains("similar_query_seconds_count{by=\"vector\"} 1");
    }

    @Test
    void shouldRefuseBadRequestsWith400AndUnknownKeysWith404AsJson() throws Exception {
        assertError(get("/neighbours?k=2"), 400, "key= is required");
        assertError(get("/neighbours?key=a&k=6"), 400, "k must be 1 to 5");
        assertError(get("/neighbours?key=a&k=ten"), 400, "k must be 1 to 5");
        assertError(get("/neighbours?key=nobody"), 404, "no key nobody");
        assertError(get("/neighbours?key=a&space=unet%402"), 404, "no space unet@2");
        assertError(post("/neighbours", "{\"vector\":[1,2]}"), 404, "no space holds 2-value vectors");
        assertError(post("/neighbours?space=unet%401", "{\"vector\":[1,2]}"), 400, "4-value vectors");
        assertError(post("/neighbours", "{\"vector\":[1,\"x\",0,0]}"), 400, "vector value 1");
        assertError(post("/neighbours", "[1,2"), 400, "not JSON");
        assertError(post("/neighbours", "{}"), 400, "{\"vector\": [numbers]}");
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithoutReadingIt() throws Exception {
        char[] big = new char[NeighboursHandler.MAX_BODY_BYTES + 10];
        Arrays.fill(big, ' ');
        HttpResponse<String> response = post("/neighbours", new String(big));
        assertError(response, 413, "request body over");
    }

    @Test
    void shouldListTheSpaces() throws Exception {
        JsonNode spaces = JSON.readTree(get("/spaces").body());
        assertThat(spaces).singleElement().satisfies(space -> {
            assertThat(space.get("space").asText()).isEqualTo("unet@1");
            assertThat(space.get("dimension").asInt()).isEqualTo(4);
            assertThat(space.get("documents").asInt()).isEqualTo(3);
            assertThat(space.get("serving").asBoolean()).isTrue();
        });
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}

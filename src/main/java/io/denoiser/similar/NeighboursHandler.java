package io.denoiser.similar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code /neighbours}: {@code GET ?key=K&k=10[&space=S][&model=M]} answers the neighbours of a stored key, itself left
 * out; {@code POST ?k=10[&space=S][&model=M]} with {@code {"vector":[...]}} those of a vector. Both answer a JSON
 * array of {@code {key, score, model, version, space[, hash]}}, nearest first; mistakes answer
 * {@code {"error": ...}} with 400, unknown keys and spaces 404. Request bodies are read up to
 * {@value #MAX_BODY_BYTES} bytes, so a client cannot make the service buffer more.
 */
final class NeighboursHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_K = 10;

    private final LatentIndex index;
    private final int maxK;
    private final SimilarMetrics metrics;

    NeighboursHandler(LatentIndex index, int maxK, SimilarMetrics metrics) {
        this.index = index;
        this.maxK = maxK;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try {
            Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
            int k = k(query.get("k"));
            String space = query.get("space");
            String model = query.get("model");
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    String key = query.get("key");
                    if (key == null || key.isEmpty()) {
                        throw new IllegalArgumentException("key= is required");
                    }
                    JsonNode answer = neighbours(index.nearestToKey(key, k, space, model));
                    // timed before the answer leaves, so a client that reads the metrics next finds its query
                    metrics.query("key", System.nanoTime() - start);
                    respond(exchange, 200, answer);
                }
                case "POST" -> {
                    float[] vector = vector(exchange.getRequestBody());
                    JsonNode answer = neighbours(index.nearestToVector(vector, k, space, model));
                    metrics.query("vector", System.nanoTime() - start);
                    respond(exchange, 200, answer);
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, POST");
                    respond(exchange, 405, error("use GET with key= or POST a vector"));
                }
            }
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
        } catch (NoSuchElementException e) {
            respond(exchange, 404, error(e.getMessage()));
        } catch (BodyTooLargeException e) {
            respond(exchange, 413, error("request body over " + MAX_BODY_BYTES + " bytes"));
        }
    }

    private int k(String value) {
        if (value == null) {
            return Math.min(DEFAULT_K, maxK);
        }
        try {
            int k = Integer.parseInt(value);
            if (k >= 1 && k <= maxK) {
                return k;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw new IllegalArgumentException("k must be 1 to " + maxK + ", not " + value);
    }

    private static float[] vector(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        JsonNode vector;
        try {
            vector = JSON.readTree(bytes).path("vector");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (!vector.isArray() || vector.isEmpty()) {
            throw new IllegalArgumentException("the body must be {\"vector\": [numbers]}");
        }
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = vector.get(i);
            if (!value.isNumber() || !Float.isFinite(value.floatValue())) {
                throw new IllegalArgumentException("vector value " + i + " is not a finite number");
            }
            values[i] = value.floatValue();
        }
        return values;
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode neighbours(List<Neighbour> neighbours) {
        ArrayNode array = JSON.createArrayNode();
        for (Neighbour neighbour : neighbours) {
            ObjectNode node = array.addObject().put("key", neighbour.key()).put("score", neighbour.score())
                    .put("model", neighbour.model()).put("version", neighbour.version()).put("space", neighbour.space());
            neighbour.hash().ifPresent(hash -> node.put("hash", String.format("%016x", hash)));
        }
        return array;
    }

    private static JsonNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Thrown while reading a body that outgrows {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(null, null, false, false);
        }
    }
}

package io.denoiser.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * The service's HTTP endpoint: {@code /metrics} in Prometheus text format, {@code /health/live} and
 * {@code /health/ready}: each 200 only while its check holds, else 503 with the reason.
 *
 * <p>Requests are answered on a small pool of their own rather than on the JDK server's one dispatcher thread,
 * and a client gets {@value #REQUEST_SECONDS} s to send its request and as long to read the answer, so a slow
 * or stalled scraper cannot hold the probes that keep the pod alive.
 */
public final class MetricsServer implements AutoCloseable {

    private static final int REQUEST_SECONDS = 10;
    private static final int HANDLER_THREADS = 2;

    static {
        // The JDK's server reads its time limits once, from system properties, and has none by default;
        // a -D on the command line still wins.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", String.valueOf(REQUEST_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", String.valueOf(REQUEST_SECONDS));
    }

    private final HttpServer server;
    private final ThreadPoolExecutor handlers;

    /** @param address the interface to listen on ({@code 0.0.0.0} for all, as probes from outside need) */
    public MetricsServer(String address, int port, PrometheusMeterRegistry registry, Supplier<Readiness> live,
                         Supplier<Readiness> ready) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 0);
        handlers = (ThreadPoolExecutor) Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        server.createContext("/health/live", exchange -> health(exchange, live.get()));
        server.createContext("/health/ready", exchange -> health(exchange, ready.get()));
        server.start();
    }

    /**
     * Serves {@code handler} at {@code path} as well, under the same time limits, on {@code threads} more handler
     * threads; a request that finds {@code threads} others of the path in flight is answered 503 at once. So a
     * burst of slow requests on the path can neither hold the probes' threads nor queue up in front of them.
     */
    public void route(String path, int threads, HttpHandler handler) {
        handlers.setMaximumPoolSize(handlers.getMaximumPoolSize() + threads);
        handlers.setCorePoolSize(handlers.getCorePoolSize() + threads);
        Semaphore inFlight = new Semaphore(threads);
        server.createContext(path, exchange -> {
            if (!inFlight.tryAcquire()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                respond(exchange, 503, "busy: " + threads + " requests in flight\n", "text/plain; charset=utf-8");
                return;
            }
            try {
                handler.handle(exchange);
            } finally {
                inFlight.release();
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address of the interface it listens on. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress();
    }

    private static void health(HttpExchange exchange, Readiness health) throws IOException {
        respond(exchange, health.ready() ? 200 : 503, health.body(), "text/plain; charset=utf-8");
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

package io.denoiser.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code serve} command in a JVM of its own, for tests that stop, kill and restart it. */
final class ServeProcess implements AutoCloseable {

    private static final Pattern METRICS_PORT = Pattern.compile("metrics and health on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String name;
    private final Path log;

    private ServeProcess(Process process, String name, Path log) {
        this.process = process;
        this.name = name;
        this.log = log;
    }

    /**
     * Starts {@code serve} on the digit pipeline with a state directory of its own under {@code work}, logging to
     * {@code work/NAME.log}; {@code options} are added to the command line.
     */
    static ServeProcess start(String name, String servers, Path work, String applicationId, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--bootstrap-servers", servers, "--metrics-port", "0",
                "--metrics-address", "127.0.0.1", "--state-dir", work.resolve(name + "-state").toString(),
                "--application-id", applicationId,
                // a killed instance's partitions move on after this, not Kafka's default 45 s
                "-X", "session.timeout.ms=10000"));
        command.addAll(List.of(options));
        Path log = work.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServeProcess(process, name, log);
    }

    String name() {
        return name;
    }

    /**
     * The value of the Prometheus sample {@code sample} (name and labels as exposed) on its {@code /metrics},
     * empty while it has none; the port comes from the log line of the run started last under this name.
     */
    OptionalDouble metric(String sample) throws IOException, InterruptedException {
        Matcher port = METRICS_PORT.matcher(Files.readString(log));
        String found = null;
        while (port.find()) {
            found = port.group(1);
        }
        if (found == null) {
            return OptionalDouble.empty();
        }
        String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + found + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim())).findFirst();
    }

    /** SIGTERM: the shutdown hook closes the streams client cleanly. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 60 s of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}

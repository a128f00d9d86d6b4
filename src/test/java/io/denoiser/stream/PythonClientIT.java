package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.config.DenoiserConfig;
import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import io.denoiser.metrics.DenoiserMetrics;
import io.denoiser.modeltopic.ShippedModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A librdkafka client that knows only topics/FORMATS.md ({@code src/test/scripts/python_client.py}, with
 * Python's confluent-kafka) against the denoiser on a real broker: every input format of an image and a
 * sequence pipeline, answered in kind on the input's partition number.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PythonClientIT {

    private static final Path SCRIPT = Path.of("src", "test", "scripts", "python_client.py");
    private static final Path FORMATS = Path.of("topics", "FORMATS.md");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long SCRIPT_TIMEOUT_SECONDS = 240;
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path work;

    @Test
    void shouldServeAPythonClientThatFollowsFormatsMdOnTheInputsPartitions() throws Exception {
        // Given python3 with confluent-kafka, and a denoiser serving the image and sequence pipelines
        String interpreter = interpreterWithConfluentKafka();
        List<Pipeline> pipelines = List.of(Pipeline.images(TOPICS, "cnn-seed").withBatching(16, 20),
                Pipeline.sequences(TOPICS, "lstm").withBatching(16, 20));
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            cluster.createTopics(Map.of(TOPICS.noisyImages(), 3, TOPICS.denoisedImages(), 3, TOPICS.latentVectors(), 3,
                    TOPICS.noisySequences(), 3, TOPICS.denoisedSequences(), 3, TOPICS.latentSequences(), 3,
                    TOPICS.models(), 1, TOPICS.deadLetters(), 1));
            DenoiserConfig config = DenoiserConfig.builder(cluster.connection(), TOPICS, work.resolve("state"))
                    .pipelines(pipelines).build();
            ModelRegistry registry = new ModelRegistry(List.of(ShippedModels.load("cnn-seed"), ShippedModels.load("lstm")));
            try (DenoiserApp app = new DenoiserApp(config, registry, new DenoiserMetrics(new SimpleMeterRegistry()))) {
                app.start();
                assertThat(app.awaitRunning(TIMEOUT)).isTrue();

                // When python_client.py produces in every input format and consumes the outputs, as FORMATS.md describes them
                Run run = python(interpreter, SCRIPT.toString(), cluster.connection().bootstrapServers(), FORMATS.toString());

                System.out.println(run.output());
                // Then it exits 0: shapes, formats, headers and partitions were as promised
                assertThat(run.exitCode()).as("python_client.py:%n%s", run.output()).isZero();
            }
        }
    }

    private record Run(int exitCode, String output) {
    }

    private Run python(String interpreter, String... arguments) throws IOException, InterruptedException {
        Path output = work.resolve("python.out");
        List<String> command = new ArrayList<>(List.of(interpreter));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("%s ran longer than %d s: %s", command, SCRIPT_TIMEOUT_SECONDS, Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /**
     * {@code $PYTHON}, else the first of {@code python3} and Debian's own that imports confluent-kafka and numpy
     * (apt installs for Debian's, which a pyenv or venv python3 first on the path does not see). Without one
     * the test is skipped, and fails under CI: CI never silently stops checking.
     */
    private String interpreterWithConfluentKafka() throws InterruptedException {
        String chosen = System.getenv("PYTHON");
        List<String> candidates = chosen == null || chosen.isBlank() ? List.of("python3", "/usr/bin/python3") : List.of(chosen);
        StringBuilder problems = new StringBuilder();
        for (String candidate : candidates) {
            try {
                Run run = python(candidate, "-c", "import confluent_kafka, numpy");
                if (run.exitCode() == 0) {
                    return candidate;
                }
                problems.append(candidate).append(": ").append(run.output().strip()).append("; ");
            } catch (IOException e) {
                problems.append(candidate).append(": ").append(e.getMessage()).append("; ");
            }
        }
        String message = "the Python client check needs python3 with confluent-kafka and numpy (Debian: apt-get "
                + "install python3-confluent-kafka python3-numpy, or run src/test/scripts/python-client.sh): " + problems;
        return System.getenv("CI") != null ? fail(message) : Assumptions.abort(message);
    }
}

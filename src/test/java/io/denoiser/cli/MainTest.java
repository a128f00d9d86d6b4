package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.TopicNames;
import io.denoiser.modeltopic.ModelRecordCodec;
import io.denoiser.topics.TopicCatalog;
import io.denoiser.topics.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void shouldDescribeEveryCommandWithHelp() {
        for (List<String> command : List.<List<String>>of(List.of(), List.of("demo"), List.of("serve"), List.of("train"),
                List.of("similar"), List.of("bench"), List.of("bench", "model"), List.of("topics"), List.of("topics", "apply"),
                List.of("topics", "validate"), List.of("produce"), List.of("keys", "generate"), List.of("evaluate"))) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            assertThat(cli.execute(args)).as("%s --help", command).isZero();
            assertThat(out.toString()).as("%s --help", command).contains("Usage:");
        }
    }

    @Test
    void shouldValidateTheShippedTopicFiles() {
        // Given the topic files shipped in the jar
        List<String> shipped = TopicCatalog.fromClasspath(TopicNames.defaults()).topics().stream().map(TopicSpec::name).toList();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // When they are validated (what the command prints, on its own writer or on System.out)
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err))
                    .execute("topics", "validate");
        } finally {
            System.setOut(systemOut);
        }
        List<String> lines = (out + printed.toString(StandardCharsets.UTF_8)).lines().toList();

        // Then every file is reported valid by name, and the models topic fits the largest model record
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        assertThat(lines).filteredOn(line -> line.startsWith("ok ")).extracting(line -> line.split("\\s+")[1])
                .containsExactlyElementsOf(shipped);
        assertThat(lines).last().asString().startsWith(shipped.size() + " topic files valid; ")
                .endsWith(" fits model records up to " + ModelRecordCodec.MAX_RECORD_BYTES + " bytes");
    }

    @Test
    void shouldPassKafkaSettingsStraightThrough() {
        KafkaOptions options = new KafkaOptions();
        new CommandLine(options).parseArgs("--bootstrap-servers", "b:9093", "-X", "security.protocol=SASL_SSL",
                "-X", "sasl.mechanism=PLAIN");
        var properties = options.connection().baseProperties();
        assertThat(properties).containsEntry("bootstrap.servers", "b:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
    }
}

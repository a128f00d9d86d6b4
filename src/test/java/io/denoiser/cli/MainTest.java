package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute("topics", "validate");
        assertThat(exit).isZero();
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

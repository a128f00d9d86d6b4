package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.BuildVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

class UsageErrorsTest {

    @Test
    void shouldPrintTheBuiltVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("kafka-denoiser " + BuildVersion.current());
    }

    @Test
    void shouldNameTheOptionOfAMissingFileInOneLine() {
        CliRun run = CliRun.of("topics", "apply", "--kafka-config", "/no/such/client.properties");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errLines()).containsExactly(
                "error: --kafka-config: /no/such/client.properties: no such file",
                "try `kafka-denoiser topics apply --help`");
    }

    @Test
    void shouldSayInOneLineWhyAKafkaConfigCannotBeRead(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("client.properties");
        Files.write(config, new byte[] {(byte) 0xff, (byte) 0xfe, 'a', '=', 'b'});

        CliRun run = CliRun.of("topics", "apply", "--kafka-config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
        assertThat(run.errLines()).containsExactly("error: cannot read Kafka config " + config + ": Input length = 1");
    }

    @Test
    void shouldListTheValidValuesOfAWrongChoice() {
        CliRun run = CliRun.of("serve", "--output-format", "gif");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.errLines()).containsExactly(
                "error: --output-format: 'gif' is not one of as-input, binary, json, png, jpeg",
                "try `kafka-denoiser serve --help`");
    }

    @Test
    void shouldNeverLeakNoEnumConstant() {
        assertThat(CliRun.of("serve", "--latent", "middle").err())
                .contains("'middle' is not one of embedding, bottleneck").doesNotContain("No enum constant");
        assertThat(CliRun.of("produce", "--format", "gif").err())
                .contains("'gif' is not one of binary, json, png, jpeg").doesNotContain("No enum constant");
    }

    @Test
    void shouldAnswerATypoWithASuggestionNotTheWholeUsage() {
        CliRun run = CliRun.of("serve", "--batch-sise", "64");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).doesNotContain("Usage:").contains("--batch-size");
        assertThat(run.errLines()).hasSizeLessThan(5).last().isEqualTo("try `kafka-denoiser serve --help`");
    }

    @Test
    void shouldListTheChoicesInHelp() {
        assertThat(help("serve")).contains("as-input, binary, json, png, jpeg");
        assertThat(help("produce")).contains("binary, json, png, jpeg");
        assertThat(help("bench", "stream")).contains("onnxruntime, dl4j");
    }

    /** The command's help with its line wrapping undone. */
    private static String help(String... command) {
        String[] args = Stream.concat(Arrays.stream(command), Stream.of("--help")).toArray(String[]::new);
        return CliRun.of(args).out().replaceAll("\\s+", " ");
    }
}

package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KafkaOptionsTest {

    @Test
    void shouldTakeTheNamesKafkasOwnToolsUse(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n");
        KafkaOptions options = new KafkaOptions();

        new CommandLine(options).parseArgs("--bootstrap-server", "b:9093", "--command-config", config.toString());

        assertThat(options.connection().baseProperties()).containsEntry("bootstrap.servers", "b:9093")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldDefaultToALocalBrokerButReportNoGivenCluster() throws Exception {
        KafkaOptions options = new KafkaOptions();

        new CommandLine(options).parseArgs();

        assertThat(options.connection().bootstrapServers()).isEqualTo(KafkaOptions.DEFAULT_BOOTSTRAP_SERVERS);
        assertThat(options.givenReachableCluster()).isEmpty();
    }
}

package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.similar.SimilarConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimilarCommandTest {

    @Test
    void shouldCarryTheOptionsIntoOneConfigurationAndTheConsumersProperties() {
        SimilarCommand similar = new SimilarCommand();
        new CommandLine(similar).parseArgs("--bootstrap-servers", "b:9093", "--topics", "a.latent, b.latent",
                "--group-id", "search", "--index-dir", "/var/lib/similar", "--spaces-per-model", "3", "--max-k", "50",
                "--port", "9000", "-X", "security.protocol=SSL", "-X", "isolation.level=read_uncommitted");

        SimilarConfig config = similar.config();
        assertThat(config.topics()).containsExactly("a.latent", "b.latent");
        assertThat(config.indexDirectory()).contains(Path.of("/var/lib/similar"));
        assertThat(config.spacesPerModel()).isEqualTo(3);
        assertThat(config.maxK()).isEqualTo(50);
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.consumerProperties()).containsEntry("bootstrap.servers", "b:9093")
                .containsEntry("group.id", "search").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("enable.auto.commit", "false").containsEntry("security.protocol", "SSL")
                .as("pass-through settings win").containsEntry("isolation.level", "read_uncommitted");
    }

    @Test
    void shouldReadCommittedLatentsOfTheImagesPipelineByDefault() {
        SimilarCommand similar = new SimilarCommand();
        new CommandLine(similar).parseArgs();

        SimilarConfig config = similar.config();
        assertThat(config.topics()).containsExactly("denoiser.images.latent");
        assertThat(config.groupId()).isEqualTo(SimilarConfig.DEFAULT_GROUP_ID);
        assertThat(config.indexDirectory()).isEmpty();
        assertThat(config.httpAddress()).isEqualTo("0.0.0.0");
        assertThat(config.consumerProperties()).containsEntry("isolation.level", "read_committed");
    }
}

package io.denoiser.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.config.Replication;
import io.denoiser.config.TopicNames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    @Test
    void shouldLoadTheRepositoryTopicFilesAndTheCopiesInTheJarAlike() throws Exception {
        TopicCatalog files = TopicCatalog.load(Path.of("topics"));
        TopicCatalog shipped = TopicCatalog.fromClasspath(TOPICS);
        assertThat(files.topics()).hasSize(10).containsExactlyInAnyOrderElementsOf(shipped.topics());
        TopicSpec models = shipped.byName(TOPICS.models());
        assertThat(models.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(models.partitions()).isEqualTo(1);
        assertThat(shipped.byName(TOPICS.noisyImages()).partitions())
                .isEqualTo(shipped.byName(TOPICS.denoisedImages()).partitions());
    }

    @Test
    void shouldGiveTheBufferChangelogsTheReplicationOfTheTopicFilesOrOfTheOverride() {
        TopicCatalog shipped = TopicCatalog.fromClasspath(TOPICS);

        assertThat(shipped.topics()).allSatisfy(topic -> assertThat(topic.minInsyncReplicas()).isEqualTo(2));
        assertThat(shipped.changelogReplication(Optional.empty())).isEqualTo(new Replication((short) 3, 2));
        assertThat(shipped.changelogReplication(Optional.of((short) 1))).isEqualTo(new Replication((short) 1, 1));
    }

    @Test
    void shouldCapMinInsyncReplicasAtTheReplicasATopicIsCreatedWith() throws Exception {
        TopicSpec topic = parse(spec("denoiser.images.noisy", "min.insync.replicas"));

        assertThat(topic.configsFor((short) 1000)).containsEntry("min.insync.replicas", "1000");
        assertThat(topic.configsFor((short) 1)).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void shouldRejectANameOutsideTheConvention() {
        assertThatThrownBy(() -> parse(spec("Images_In", "retention.ms")))
                .hasMessageContaining("does not follow");
    }

    @Test
    void shouldRejectAnUnknownTopicConfig() {
        assertThatThrownBy(() -> parse(spec("denoiser.images.noisy", "retention.msec")))
                .hasMessageContaining("unknown topic config 'retention.msec'");
    }

    @Test
    void shouldRejectMissingFields() {
        assertThatThrownBy(() -> parse("name: denoiser.images.noisy\npartitions: 0\nreplicationFactor: 1\n"))
                .hasMessageContaining("partitions must be >= 1").hasMessageContaining("purpose are required");
    }

    private static TopicSpec parse(String yaml) throws Exception {
        return TopicCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static String spec(String name, String config) {
        return "name: " + name + "\npartitions: 3\nreplicationFactor: 1\nconfigs:\n  " + config + ": \"1000\"\n"
                + "key: {format: string, description: id}\nvalue: {format: tensor, description: image}\n"
                + "purpose: test\n";
    }
}

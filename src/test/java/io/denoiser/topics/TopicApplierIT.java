package io.denoiser.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.KafkaClusterExtension;
import io.denoiser.config.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicApplierIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void shouldReportATopicTheClusterHasTooFewBrokersToReplicateAndCreateTheRest(@TempDir Path files) throws Exception {
        try (Admin admin = Admin.create(KAFKA.cluster().connection().baseProperties())) {
            // Given topic files declaring one topic of three replicas and one of one, and a one-broker cluster
            Files.writeString(files.resolve("replicated.yaml"), topicFile("denoiser.test.replicated", 3));
            Files.writeString(files.resolve("single.yaml"), topicFile("denoiser.test.single", 1));
            TopicApplier applier = new TopicApplier(admin, Optional.empty());

            // When applied without a replication factor override
            ApplyReport report = applier.apply(TopicCatalog.load(files));

            // Then the one it can replicate is created and the other is a problem naming the way out, not an exception
            assertThat(report.created()).singleElement().asString().startsWith("denoiser.test.single");
            assertThat(report.problems()).singleElement().asString()
                    .startsWith("denoiser.test.replicated: cannot be created with replication factor 3")
                    .contains("--replication-factor 1");
            assertThat(admin.listTopics().names().get()).contains("denoiser.test.single")
                    .doesNotContain("denoiser.test.replicated");
        }
    }

    private static String topicFile(String name, int replicationFactor) {
        return "name: " + name + "\npartitions: 1\nreplicationFactor: " + replicationFactor + "\n"
                + "key: {format: string, description: any}\nvalue: {format: bytes, description: any}\n"
                + "purpose: a test topic\n";
    }

    @Test
    void shouldCreateOnceAlignDriftAndReportWhatItCannotFix() throws Exception {
        try (Admin admin = Admin.create(KAFKA.cluster().connection().baseProperties())) {
            // Given the shipped topic files and a latent topic already created with too few partitions
            TopicCatalog catalog = TopicCatalog.fromClasspath(TopicNames.defaults());
            TopicApplier applier = new TopicApplier(admin, Optional.of((short) 1));
            admin.createTopics(List.of(new NewTopic("denoiser.images.latent", 2, (short) 1))).all().get();

            // When applied, then the nine others are created and the partition count is reported, not fixed
            ApplyReport first = applier.apply(catalog);
            assertThat(first.created()).hasSize(9);
            assertThat(first.problems()).singleElement().asString()
                    .contains("denoiser.images.latent: 2 partitions, the topic file declares 3");
            // The first apply also set the configs of the topic created bare above, and brokers apply config
            // changes from the metadata log asynchronously: wait until reads show them.
            await().untilAsserted(() -> assertThat(applier.verify(catalog).problems()).hasSize(1));
            // When applied again, then nothing changes
            ApplyReport second = applier.apply(catalog);
            assertThat(second.changedNothing()).isTrue();
            assertThat(second.unchanged()).hasSize(10);
            assertThat(second.lines()).contains("nothing to change");
            assertThat(second.problems()).hasSize(1);

            // When the models topic's limit drifts, then applying restores it
            ConfigResource models = new ConfigResource(ConfigResource.Type.TOPIC, "denoiser.models");
            admin.incrementalAlterConfigs(Map.of(models, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "1000"), AlterConfigOp.OpType.SET)))).all().get();
            // Brokers apply config changes from the metadata log asynchronously, so reads may briefly lag the write.
            await().untilAsserted(() -> assertThat(applier.verify(catalog).problems())
                    .anySatisfy(p -> assertThat(p).contains("max.message.bytes")));
            assertThat(applier.apply(catalog).altered()).singleElement().asString().startsWith("denoiser.models");
            await().untilAsserted(() -> assertThat(
                    admin.describeConfigs(List.of(models)).all().get().get(models).get("max.message.bytes").value())
                    .isEqualTo("20971520"));
        }
    }
}

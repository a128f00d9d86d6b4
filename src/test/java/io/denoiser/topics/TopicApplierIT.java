package io.denoiser.topics;

import io.denoiser.config.TopicNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.TestKafkaCluster;
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

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TopicApplierIT {

    @Test
    void shouldCreateOnceAlignDriftAndReportWhatItCannotFix() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start();
             Admin admin = Admin.create(cluster.connection().baseProperties())) {
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

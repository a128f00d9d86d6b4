package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.topics.TopicCatalog;
import io.denoiser.topics.TopicSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart declares exactly the topics of topics/, through a hook Job or Strimzi. */
final class HelmChartTopicsTest {

    private static final Path TOPICS = Path.of("topics");
    private static final Path CHART_TOPICS = HelmChart.DIRECTORY.resolve("files").resolve("topics");
    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";

    @Test
    void shouldCarryTheSameTopicFilesAsTheRepository() throws IOException {
        assertThat(yamlFileNames(CHART_TOPICS)).isEqualTo(yamlFileNames(TOPICS)).isNotEmpty();
        for (String name : yamlFileNames(TOPICS)) {
            assertThat(Files.readString(CHART_TOPICS.resolve(name)))
                    .as("%s differs from topics/%s: copy topics/*.yaml to %s", CHART_TOPICS.resolve(name), name, CHART_TOPICS)
                    .isEqualTo(Files.readString(TOPICS.resolve(name)));
        }
    }

    @Test
    void shouldApplyTheTopicsInAHookJobBeforeInstallAndUpgrade() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml");
        Job job = manifests.one(Job.class);
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsKey("helm.sh/hook-weight").containsKey("helm.sh/hook-delete-policy");
        List<String> arguments = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(DenoiserCli.commandOf(arguments)).isEqualTo("topics apply");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .contains("KAFKA_BOOTSTRAP_SERVERS=my-cluster-kafka-bootstrap.kafka:9093",
                        "DENOISER_REPLICATION_FACTOR=3", "KAFKA_CONFIG_FILE=/etc/denoiser/kafka/client.properties");
        String secretName = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret().getSecretName();
        assertThat(manifests.named(Secret.class, secretName).getMetadata().getAnnotations())
                .as("the Job's properties exist before the release's own Secret does")
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        assertThat(manifests.ofKind("KafkaTopic")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDeclareEveryTopicFileAsAStrimziKafkaTopicInsteadOfTheJob() throws IOException {
        RenderedManifests manifests = HelmChart.render("strimzi.yaml");
        List<GenericKubernetesResource> kafkaTopics = manifests.ofKind("KafkaTopic");
        List<TopicSpec> files = TopicCatalog.load(TOPICS).topics();
        assertThat(kafkaTopics).hasSameSizeAs(files);
        for (TopicSpec file : files) {
            GenericKubernetesResource topic = kafkaTopics.stream()
                    .filter(t -> t.getMetadata().getName().equals(file.name())).findFirst().orElseThrow();
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "prod-cluster");
            Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
            assertThat(spec).containsEntry("topicName", file.name()).containsEntry("partitions", file.partitions())
                    .containsEntry("replicas", 2).containsEntry("config", file.configsFor((short) 2));
        }
        assertThat(manifests.all(Job.class)).isEmpty();
        assertThat(manifests.named(Deployment.class, DENOISER).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getArgs()).containsExactly("serve", "--no-create-topics");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCapMinInsyncReplicasOfStrimziTopicsAtAReplicationFactorBelowTheFiles() {
        List<GenericKubernetesResource> kafkaTopics = HelmChart.render("strimzi-single-broker.yaml").ofKind("KafkaTopic");
        assertThat(kafkaTopics).isNotEmpty().allSatisfy(topic -> {
            Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
            assertThat(spec).containsEntry("replicas", 1);
            assertThat((Map<String, Object>) spec.get("config")).containsEntry("min.insync.replicas", "1");
        });
    }

    private static List<String> yamlFileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }
}

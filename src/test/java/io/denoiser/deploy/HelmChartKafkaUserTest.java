package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strimzi KafkaUsers carry, per component, the ACLs docs/deploy.md lists. */
final class HelmChartKafkaUserTest {

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";

    @Test
    void shouldRenderNoKafkaUserUnlessAsked() {
        assertThat(HelmChart.render().ofKind("KafkaUser")).isEmpty();
    }

    @Test
    void shouldGiveTheDenoiserTheAclsTheReadmeLists() {
        Map<String, List<String>> acls = acls(user(DENOISER));
        // read the input topics and denoiser.models; write the .denoised, .latent and denoiser.dlq topics
        assertThat(acls).containsEntry("topic denoiser.images.noisy literal", List.of("Read", "Describe", "Create",
                        "AlterConfigs"))
                .containsEntry("topic denoiser.images.denoised literal", List.of("Write", "Describe", "Create",
                        "AlterConfigs"))
                .containsEntry("topic denoiser.images.latent literal", List.of("Write", "Describe", "Create",
                        "AlterConfigs"))
                .containsEntry("topic denoiser.models literal", List.of("Read"))
                .containsEntry("topic denoiser.dlq literal", List.of("Write"))
                // read, write and create topics prefixed with the application id (changelogs)
                .containsEntry("topic kafka-denoiser- prefix", List.of("Read", "Write", "Create"))
                // read the consumer group; write/describe transactional ids prefixed with the application id
                .containsEntry("group kafka-denoiser literal", List.of("Read"))
                .containsEntry("transactionalId kafka-denoiser prefix", List.of("Write", "Describe"))
                // create and alter configs on denoiser.* for the topics Job
                .containsEntry("topic denoiser. prefix", List.of("Describe", "Create", "AlterConfigs"));
    }

    @Test
    void shouldGrantAPipelinesFilesOwnTopicsInsteadOfTheUnusedBuiltInPipelines() {
        Map<String, List<String>> acls = acls(user(DENOISER));
        // read the input, write the outputs, and describe, create and alter configs on all three
        assertThat(acls).containsEntry("topic plant.vibration.noisy literal", List.of("Read", "Describe", "Create",
                        "AlterConfigs"))
                .containsEntry("topic plant.vibration.denoised literal", List.of("Write", "Describe", "Create",
                        "AlterConfigs"))
                .containsEntry("topic plant.vibration.latent literal", List.of("Write", "Describe", "Create",
                        "AlterConfigs"))
                .doesNotContainKey("topic denoiser.sequences.noisy literal");
    }

    @Test
    void shouldLetTheTrainerReadTheCleanTopicsAndPublishModels() {
        assertThat(acls(user(DENOISER + "-trainer"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "topic denoiser.images.clean literal", List.of("Read"),
                "topic denoiser.sequences.clean literal", List.of("Read"),
                "topic denoiser.models literal", List.of("Read", "Write")));
    }

    @Test
    void shouldLetSimilarReadTheLatentTopicsUnderItsGroup() {
        assertThat(acls(user(DENOISER + "-similar"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "topic denoiser.images.latent literal", List.of("Read"),
                "group kafka-denoiser-similar literal", List.of("Read")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldUseTheCurrentStrimziApiWithSimpleAuthorizationOnTheNamedCluster() {
        List<GenericKubernetesResource> users = HelmChart.render("strimzi-users.yaml").ofKind("KafkaUser");
        assertThat(users).hasSize(3).allSatisfy(user -> {
            assertThat(user.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(user.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "prod-cluster");
            Map<String, Object> spec = (Map<String, Object>) user.getAdditionalProperties().get("spec");
            assertThat((Map<String, Object>) spec.get("authentication")).containsEntry("type", "scram-sha-512");
            assertThat((Map<String, Object>) spec.get("authorization")).containsEntry("type", "simple");
        });
    }

    private static GenericKubernetesResource user(String name) {
        return HelmChart.render("strimzi-users.yaml").ofKind("KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    /** "type name patternType" -> operations, for every ACL of the user. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> acls(GenericKubernetesResource user) {
        Map<String, Object> spec = (Map<String, Object>) user.getAdditionalProperties().get("spec");
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>) spec.get("authorization"))
                .get("acls");
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        for (Map<String, Object> acl : acls) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            byResource.merge(resource.get("type") + " " + resource.get("name") + " " + resource.get("patternType"),
                    (List<String>) acl.get("operations"), (a, b) -> {
                        throw new AssertionError("two ACLs for one resource: " + a + ", " + b);
                    });
        }
        return byResource;
    }
}

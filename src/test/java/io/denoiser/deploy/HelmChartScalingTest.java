package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.config.TopicNames;
import io.denoiser.topics.TopicCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoscalers never ask for more denoisers than the input topics have partitions. */
final class HelmChartScalingTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";

    @Test
    void shouldCapTheHorizontalPodAutoscalerAtTheInputPartitions() throws Exception {
        RenderedManifests manifests = HelmChart.render("hpa.yaml");
        HorizontalPodAutoscaler hpa = manifests.one(HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(inputPartitions());
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(DENOISER);
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        assertThat(manifests.named(Deployment.class, DENOISER).getSpec().getReplicas())
                .as("replicas left to the autoscaler").isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCapKedaAtTheInputPartitionsAndWatchTheStreamsConsumerGroupOnEachInputTopic() throws Exception {
        GenericKubernetesResource scaledObject = HelmChart.render("keda.yaml").ofKind("ScaledObject").get(0);
        Map<String, Object> spec = (Map<String, Object>) scaledObject.getAdditionalProperties().get("spec");
        assertThat(spec.get("maxReplicaCount")).isEqualTo(inputPartitions());
        assertThat((Map<String, Object>) spec.get("scaleTargetRef")).containsEntry("name", DENOISER);
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertThat(triggers).extracting(t -> t.get("type")).containsOnly("kafka");
        assertThat(triggers).extracting(t -> ((Map<String, Object>) t.get("metadata")).get("topic"))
                .containsExactly(TOPICS.noisyImages(), TOPICS.noisySequences());
        assertThat(triggers).extracting(t -> ((Map<String, Object>) t.get("metadata")).get("consumerGroup"))
                .containsOnly("kafka-denoiser");
        assertThat(triggers).extracting(t -> ((Map<String, Object>) t.get("authenticationRef")).get("name"))
                .containsOnly("kafka-sasl");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldWatchThePipelinesFilesInputTopicsWhenTheValuesGiveOne() {
        GenericKubernetesResource scaledObject = HelmChart.render("strimzi-users.yaml").ofKind("ScaledObject").get(0);
        Map<String, Object> spec = (Map<String, Object>) scaledObject.getAdditionalProperties().get("spec");
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertThat(triggers).extracting(t -> ((Map<String, Object>) t.get("metadata")).get("topic"))
                .containsExactly(TOPICS.noisyImages(), "plant.vibration.noisy");
    }

    @Test
    void shouldRefuseTwoAutoscalersForOneWorkload() {
        assertThatThrownBy(() -> HelmChart.render("hpa-and-keda.yaml"))
                .hasMessageContaining("autoscaling.enabled and keda.enabled are exclusive");
    }

    @Test
    void shouldDefaultTheInputPartitionsToTheInputTopicFiles() throws Exception {
        TopicCatalog topics = TopicCatalog.load(Path.of("topics"));
        assertThat(topics.byName(TOPICS.noisyImages()).partitions()).isEqualTo(inputPartitions());
        assertThat(topics.byName(TOPICS.noisySequences()).partitions()).isEqualTo(inputPartitions());
    }

    @Test
    void shouldKeepAVolumeClaimPerReplicaForTheStateDirectoryInStatefulSetMode() {
        RenderedManifests manifests = HelmChart.render("statefulset.yaml");
        StatefulSet statefulSet = manifests.named(StatefulSet.class, DENOISER);
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .doesNotContain(DENOISER);
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("state");
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
            assertThat(claim.getSpec().getResources().getRequests().get("storage")).hasToString("5Gi");
        });
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName())
                .doesNotContain("state");
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getName()).isEqualTo("state"));
        assertThat(manifests.named(Service.class, statefulSet.getSpec().getServiceName()).getSpec().getClusterIP())
                .isEqualTo("None");
        assertThat(manifests.one(HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getKind())
                .isEqualTo("StatefulSet");
    }

    @Test
    void shouldLetDisruptionsTakeOneDenoiserAtATime() {
        RenderedManifests manifests = HelmChart.render();
        PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(manifests.named(Deployment.class, DENOISER).getSpec().getSelector().getMatchLabels());
    }

    /** topics.inputPartitions in the chart's values.yaml. */
    private static int inputPartitions() throws Exception {
        return ChartValues.load().path("topics").path("inputPartitions").asInt();
    }
}

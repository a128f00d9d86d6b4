package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The optional NetworkPolicy: HTTP ports in from the configured peers; Kafka, DNS and the release's own pods out. */
final class HelmChartNetworkPolicyTest {

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";

    @Test
    void shouldRenderNoNetworkPolicyUnlessAsked() {
        assertThat(HelmChart.render().ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void shouldSelectEveryPodOfTheRelease() {
        RenderedManifests manifests = HelmChart.render("network-policy.yaml");
        @SuppressWarnings("unchecked")
        Map<String, String> selector = new ObjectMapper().convertValue(spec(manifests).path("podSelector")
                .path("matchLabels"), Map.class);
        assertThat(selector).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        List<Map<String, String>> podLabels = Stream.of(
                manifests.all(Deployment.class).stream().map(d -> d.getSpec().getTemplate().getMetadata().getLabels()),
                manifests.all(Job.class).stream().map(j -> j.getSpec().getTemplate().getMetadata().getLabels()),
                manifests.all(Pod.class).stream().map(p -> p.getMetadata().getLabels())).flatMap(s -> s).toList();
        assertThat(podLabels).hasSize(manifests.workloads().size())
                .allSatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
    }

    @Test
    void shouldLetTheConfiguredPeersAndTheReleaseReachOnlyTheHttpPorts() {
        JsonNode ingress = spec(HelmChart.render("network-policy.yaml")).path("ingress");
        assertThat(ingress).hasSize(1);
        assertThat(ports(ingress.get(0))).containsExactly(8080, 8081, 8082);
        assertThat(ingress.get(0).path("from")).hasSize(2);
        assertThat(ingress.get(0).path("from").get(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("monitoring");
        assertThat(ingress.get(0).path("from").get(1).path("podSelector").path("matchLabels")
                .path("app.kubernetes.io/instance").asText()).isEqualTo(HelmChart.RELEASE);
    }

    @Test
    void shouldLetThePodsOutOnlyToKafkaTheClusterDnsAndEachOther() {
        JsonNode egress = spec(HelmChart.render("network-policy.yaml")).path("egress");
        assertThat(egress).hasSize(3);
        assertThat(ports(egress.get(0))).containsExactly(9093);
        assertThat(egress.get(0).path("to").get(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText()).isEqualTo("kafka");
        assertThat(ports(egress.get(1))).containsExactly(53, 53);
        assertThat(egress.get(1).path("ports")).extracting(p -> p.path("protocol").asText())
                .containsExactly("UDP", "TCP");
        assertThat(ports(egress.get(2))).containsExactly(8080, 8081, 8082);
    }

    @Test
    void shouldAllowAnySourceAndAnyBrokerAddressWhenNoPeersAreGiven() {
        JsonNode spec = spec(HelmChart.render("network-policy-open.yaml"));
        assertThat(spec.path("ingress").get(0).has("from")).isFalse();
        assertThat(spec.path("egress").get(0).has("to")).isFalse();
        assertThat(ports(spec.path("egress").get(0))).containsExactly(9092, 9093);
    }

    private static JsonNode spec(RenderedManifests manifests) {
        return new ObjectMapper().valueToTree(manifests.ofKind("NetworkPolicy").get(0).getAdditionalProperties()
                .get("spec"));
    }

    private static List<Integer> ports(JsonNode rule) {
        return StreamSupport.stream(rule.path("ports").spliterator(), false).map(p -> p.path("port").asInt()).toList();
    }
}

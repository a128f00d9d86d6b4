package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The denoiser is reachable for Prometheus and for `helm test` on its metrics port. */
final class HelmChartServiceTest {

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";

    @Test
    void shouldExposeTheMetricsPortWithPrometheusAnnotations() {
        RenderedManifests manifests = HelmChart.render();
        Service service = manifests.named(Service.class, DENOISER);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
            assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(port.getPort()))
                    .containsEntry("prometheus.io/path", "/metrics");
        });
        Deployment denoiser = manifests.named(Deployment.class, DENOISER);
        assertThat(denoiser.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(manifests.named(Deployment.class, DENOISER + "-trainer").getSpec().getTemplate().getMetadata()
                .getLabels()).as("the trainer serves no HTTP").doesNotContainEntry("app.kubernetes.io/component", "denoiser");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldScrapeThroughAServiceMonitorWhenAsked() {
        assertThat(HelmChart.render().ofKind("ServiceMonitor")).isEmpty();
        var monitor = HelmChart.render("monitoring.yaml").ofKind("ServiceMonitor").get(0);
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        assertThat((List<Map<String, Object>>) spec.get("endpoints")).singleElement()
                .satisfies(endpoint -> assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics"));
    }

    @Test
    void shouldTestReadinessThroughTheServiceWithAHelmTestPod() {
        RenderedManifests manifests = HelmChart.render();
        Pod test = manifests.one(Pod.class);
        assertThat(test.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "test");
        Container check = test.getSpec().getContainers().get(0);
        int port = manifests.named(Service.class, DENOISER).getSpec().getPorts().get(0).getPort();
        assertThat(check.getCommand()).startsWith("bash", "-c");
        assertThat(String.join(" ", check.getCommand()))
                .contains("/dev/tcp/" + DENOISER + "/" + port).contains("GET /health/ready HTTP/1.0")
                .contains("[[ $status == *\" 200 \"* ]]");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
    }
}

package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The denoiser is reachable for Prometheus and for `helm test` on its metrics port. */
final class HelmChartServiceTest {

    private static final String DENOISER = HelmChart.RELEASE + "-kafka-denoiser";
    private static final String TRAINER = DENOISER + "-trainer";

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
                .getLabels()).as("not behind the denoiser's Service").doesNotContainEntry("app.kubernetes.io/component", "denoiser");
    }

    @Test
    void shouldExposeTheTrainersMetricsPortWithPrometheusAnnotations() {
        RenderedManifests manifests = HelmChart.render();
        Service service = manifests.named(Service.class, TRAINER);
        Deployment trainer = manifests.named(Deployment.class, TRAINER);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
            assertThat(trainer.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .filteredOn(p -> p.getName().equals("metrics")).singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port.getPort()));
            assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(port.getPort()))
                    .containsEntry("prometheus.io/path", "/metrics");
        });
        assertThat(trainer.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "trainer");
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
    @SuppressWarnings("unchecked")
    void shouldScrapeTheTrainerThroughAServiceMonitorOfItsOwn() {
        var monitors = HelmChart.render("monitoring.yaml").ofKind("ServiceMonitor");
        assertThat(monitors).extracting(monitor -> monitor.getMetadata().getName()).containsExactly(DENOISER, TRAINER);
        Map<String, Object> spec = (Map<String, Object>) monitors.get(1).getAdditionalProperties().get("spec");
        assertThat((Map<String, Object>) spec.get("selector")).extracting("matchLabels")
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("app.kubernetes.io/component", "trainer");
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

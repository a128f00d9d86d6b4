package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code similar.enabled} toggle: off by default; on, its own Deployment and Service, configured through env. */
final class HelmChartSimilarTest {

    private static final String SIMILAR = HelmChart.RELEASE + "-kafka-denoiser-similar";

    @Test
    void shouldDeployNothingOfSimilarByDefault() {
        RenderedManifests manifests = HelmChart.render();
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName()).doesNotContain(SIMILAR);
        assertThat(manifests.all(Service.class)).extracting(s -> s.getMetadata().getName()).doesNotContain(SIMILAR);
    }

    @Test
    void shouldRunSimilarBehindItsOwnServiceWhenEnabled() {
        RenderedManifests manifests = HelmChart.render("similar.yaml");
        Deployment deployment = manifests.named(Deployment.class, SIMILAR);
        Container similar = container(deployment);
        Service service = manifests.named(Service.class, SIMILAR);

        assertThat(DenoiserCli.commandOf(similar.getArgs())).isEqualTo("similar");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector())
                .containsEntry("app.kubernetes.io/component", "similar");
        assertThat(manifests.named(Service.class, HelmChart.RELEASE + "-kafka-denoiser").getSpec().getSelector())
                .as("the denoiser's Service leaves similar's pods alone")
                .containsEntry("app.kubernetes.io/component", "denoiser");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", String.valueOf(port.getPort()))
                    .containsEntry("prometheus.io/path", "/metrics");
        });
        assertThat(similar.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).hasToString(environment(manifests, similar).get("DENOISER_SIMILAR_PORT"));
        });
    }

    @Test
    void shouldSetEveryEnvironmentVariableSimilarReadsAndMountWhatTheyPointAt() {
        RenderedManifests manifests = HelmChart.render("sasl.yaml", "similar.yaml");
        Container similar = container(manifests.named(Deployment.class, SIMILAR));
        Map<String, String> env = environment(manifests, similar);

        assertThat(env.keySet()).containsAll(DenoiserCli.environmentVariablesOf("similar"));
        assertThat(env).containsEntry("DENOISER_SIMILAR_TOPICS", "denoiser.images.latent,denoiser.sequences.latent")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "my-cluster-kafka-bootstrap.kafka:9093");
        assertThat(similar.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .contains(env.get("DENOISER_SIMILAR_INDEX_DIR"), "/tmp",
                        Path.of(env.get("KAFKA_CONFIG_FILE")).getParent().toString());
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** ConfigMap entries the container imports plus its own env, as it will see them. */
    private static Map<String, String> environment(RenderedManifests manifests, Container container) {
        Map<String, String> env = new HashMap<>();
        container.getEnvFrom().forEach(source -> env.putAll(
                manifests.named(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable.getValue());
        }
        return env;
    }
}

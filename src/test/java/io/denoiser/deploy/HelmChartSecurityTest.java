package io.denoiser.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pod the chart can start, under every values scenario, is hardened, sized and probed. */
final class HelmChartSecurityTest {

    private static final String NO_OVERRIDES = "";

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {NO_OVERRIDES, "sasl.yaml", "existing-secret.yaml", "strimzi.yaml", "keda.yaml",
            "hpa.yaml", "statefulset.yaml", "monitoring.yaml", "placement.yaml", "similar.yaml",
            "component-placement.yaml", "network-policy.yaml", "strimzi-users.yaml"})
    void shouldRunEveryContainerAsNonRootOnAReadOnlyRootWithoutCapabilities(String values) {
        List<Workload> workloads = render(values).workloads();
        assertThat(workloads).isNotEmpty();
        for (Workload workload : workloads) {
            PodSecurityContext pod = Optional.ofNullable(workload.pod().getSecurityContext()).orElseGet(PodSecurityContext::new);
            assertThat(pod.getSeccompProfile()).as("%s seccomp profile", workload).isNotNull();
            assertThat(pod.getSeccompProfile().getType()).as("%s seccomp profile", workload).isEqualTo("RuntimeDefault");
            for (Container container : workload.containers()) {
                SecurityContext own = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                String where = workload + " container " + container.getName();
                assertThat(effective(own.getRunAsNonRoot(), pod.getRunAsNonRoot())).as("%s runAsNonRoot", where).isTrue();
                assertThat(effective(own.getRunAsUser(), pod.getRunAsUser())).as("%s runAsUser", where)
                        .isNotNull().isNotZero();
                assertThat(own.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", where).isTrue();
                assertThat(own.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", where).isFalse();
                assertThat(own.getCapabilities()).as("%s capabilities", where).isNotNull();
                assertThat(own.getCapabilities().getDrop()).as("%s dropped capabilities", where).contains("ALL");
                assertThat(own.getCapabilities().getAdd()).as("%s added capabilities", where).isNullOrEmpty();
            }
        }
    }

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {NO_OVERRIDES, "sasl.yaml", "strimzi.yaml", "statefulset.yaml", "similar.yaml"})
    void shouldRequestAndLimitCpuAndMemoryForEveryContainer(String values) {
        for (Workload workload : render(values).workloads()) {
            for (Container container : workload.containers()) {
                String where = workload + " container " + container.getName();
                assertThat(container.getResources()).as("%s resources", where).isNotNull();
                assertThat(container.getResources().getRequests()).as("%s requests", where).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as("%s limits", where).containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest(name = "values: {0}")
    @ValueSource(strings = {NO_OVERRIDES, "statefulset.yaml", "similar.yaml"})
    void shouldProbeLivenessAndReadinessOnTheMetricsPortOfEveryLongRunningServer(String values) {
        List<Workload> servers = render(values).workloads().stream().filter(Workload::longRunning)
                .filter(w -> w.containers().stream().anyMatch(c -> metricsPort(c).isPresent())).toList();
        List<String> expected = new ArrayList<>(List.of(HelmChart.RELEASE + "-kafka-denoiser",
                HelmChart.RELEASE + "-kafka-denoiser-trainer"));
        if (values.equals("similar.yaml")) {
            expected.add(HelmChart.RELEASE + "-kafka-denoiser-similar");
        }
        assertThat(servers).as("long-running workloads serving /health").extracting(Workload::name)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(render(values).workloads().stream().filter(Workload::longRunning)).as("every long-running workload")
                .allSatisfy(w -> assertThat(servers).contains(w));
        for (Workload workload : servers) {
            for (Container container : workload.containers()) {
                int port = metricsPort(container).orElseThrow();
                assertThat(httpGet(container, Container::getLivenessProbe)).as("%s liveness", workload)
                        .satisfies(probe -> assertThat(probe.getPath()).isEqualTo("/health/live"))
                        .satisfies(probe -> assertThat(resolve(probe.getPort(), container)).isEqualTo(port));
                assertThat(httpGet(container, Container::getReadinessProbe)).as("%s readiness", workload)
                        .satisfies(probe -> assertThat(probe.getPath()).isEqualTo("/health/ready"))
                        .satisfies(probe -> assertThat(resolve(probe.getPort(), container)).isEqualTo(port));
            }
        }
    }

    private static RenderedManifests render(String values) {
        return values.isEmpty() ? HelmChart.render() : HelmChart.render(values);
    }

    private static <T> T effective(T containerLevel, T podLevel) {
        return containerLevel != null ? containerLevel : podLevel;
    }

    /** The port of /metrics and /health: named metrics, or http where it serves an API as well ({@code similar}). */
    private static Optional<Integer> metricsPort(Container container) {
        return Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .filter(p -> "metrics".equals(p.getName()) || "http".equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
    }

    private static HTTPGetAction httpGet(Container container, Function<Container, Probe> probe) {
        Probe declared = probe.apply(container);
        assertThat(declared).as("probe of %s", container.getName()).isNotNull();
        assertThat(declared.getHttpGet()).as("HTTP probe of %s", container.getName()).isNotNull();
        return declared.getHttpGet();
    }

    /** A probe names its port or numbers it; either must land on a port the container declares. */
    private static int resolve(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("probe port " + port.getStrVal() + " is not declared"));
    }
}

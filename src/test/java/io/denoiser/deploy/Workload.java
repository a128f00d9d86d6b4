package io.denoiser.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.stream.Stream;

/** A rendered workload's pod spec, with where it came from for assertion messages. */
record Workload(String kind, String name, PodSpec pod) {

    /** Containers and init containers alike. */
    List<Container> containers() {
        return Stream.concat(pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
    }

    Container container(String containerName) {
        return containers().stream().filter(c -> c.getName().equals(containerName)).findFirst()
                .orElseThrow(() -> new AssertionError(this + " has no container " + containerName));
    }

    /** Runs until stopped, as opposed to a Job or a test pod that exits. */
    boolean longRunning() {
        return kind.equals("Deployment") || kind.equals("StatefulSet");
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}

package io.denoiser.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** The Kubernetes objects of one render: typed where fabric8 has a model, generic otherwise (CRDs). */
final class RenderedManifests {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "Job", Job.class, "Pod", Pod.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
            "ServiceAccount", ServiceAccount.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class);

    private final List<HasMetadata> resources;

    private RenderedManifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    static RenderedManifests parse(String multiDocumentYaml) {
        List<HasMetadata> resources = new ArrayList<>();
        try {
            for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(multiDocumentYaml).readAll()) {
                if (document == null || !document.hasNonNull("kind")) {
                    continue; // a template that rendered to nothing but its "# Source" comment
                }
                Class<? extends HasMetadata> type = TYPES.getOrDefault(document.get("kind").asText(),
                        GenericKubernetesResource.class);
                resources.add(YAML.treeToValue(document, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered manifests are not YAML", e);
        }
        return new RenderedManifests(resources);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The only resource of this type; fails if there are none or several. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> matches = all(type);
        if (matches.size() != 1) {
            throw new NoSuchElementException(matches.size() + " " + type.getSimpleName() + " rendered, expected 1");
        }
        return matches.get(0);
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name));
    }

    /** Custom resources (KafkaTopic, ScaledObject, ServiceMonitor) by kind. */
    List<GenericKubernetesResource> ofKind(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** Every pod the chart can start: Deployments, StatefulSets, Jobs and bare Pods. */
    List<Workload> workloads() {
        return Stream.of(
                all(Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec())),
                all(StatefulSet.class).stream().map(s -> new Workload("StatefulSet", s.getMetadata().getName(),
                        s.getSpec().getTemplate().getSpec())),
                all(Job.class).stream().map(j -> new Workload("Job", j.getMetadata().getName(),
                        j.getSpec().getTemplate().getSpec())),
                all(Pod.class).stream().map(p -> new Workload("Pod", p.getMetadata().getName(), p.getSpec())))
                .flatMap(s -> s).toList();
    }
}

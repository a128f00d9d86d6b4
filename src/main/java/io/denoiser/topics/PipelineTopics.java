package io.denoiser.topics;

import io.denoiser.config.Pipeline;
import io.denoiser.config.TopicNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topics of pipelines from a pipelines file that no topic file declares (e.g. {@code plant.vibration.*}),
 * so that serve creates or verifies them like its own: partitions and replication factor from the pipeline,
 * everything else (configs, record formats) from the built-in sequence pipeline's topic in the same role.
 */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    /**
     * {@code declared} plus a spec for every pipeline topic it does not declare, modelled on the jar's files
     * of the {@code shipped} sequence topics.
     */
    public static TopicCatalog including(TopicCatalog declared, TopicNames shipped, List<Pipeline> pipelines) {
        TopicCatalog builtIn = TopicCatalog.fromClasspath(shipped);
        Map<String, TopicSpec> added = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            add(added, declared, pipeline, pipeline.inputTopic(), builtIn.byName(shipped.noisySequences()), "input");
            add(added, declared, pipeline, pipeline.denoisedTopic(), builtIn.byName(shipped.denoisedSequences()),
                    "denoised records");
            add(added, declared, pipeline, pipeline.latentTopic(), builtIn.byName(shipped.latentSequences()),
                    "latent vectors");
        }
        return declared.with(List.copyOf(added.values()));
    }

    private static void add(Map<String, TopicSpec> added, TopicCatalog declared, Pipeline pipeline, String topic,
                            TopicSpec role, String what) {
        if (declared.declares(topic)) {
            return;
        }
        TopicSpec spec = new TopicSpec(topic,
                pipeline.partitions() != null ? pipeline.partitions() : role.partitions(),
                pipeline.replicationFactor() != null ? pipeline.replicationFactor() : role.replicationFactor(),
                role.configs(), role.key(), role.value(), "The " + what + " of pipeline " + pipeline.name() + ".",
                role.producers(), role.consumers());
        TopicSpec earlier = added.putIfAbsent(topic, spec);
        if (earlier != null && (earlier.partitions() != spec.partitions()
                || earlier.replicationFactor() != spec.replicationFactor())) {
            throw new IllegalArgumentException("topic " + topic + " is given two layouts by the pipelines that use it");
        }
    }
}

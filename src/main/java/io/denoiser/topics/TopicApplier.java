package io.denoiser.topics;

import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Brings a cluster in line with the topic files: creates missing topics, re-aligns configs that drifted,
 * and reports what it cannot fix (partition count, replication factor). It never deletes anything.
 */
public final class TopicApplier {

    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEADER_POLL = Duration.ofMillis(50);

    private final Admin admin;
    private final Optional<Short> replicationFactorOverride;

    /** @param replicationFactorOverride replication factor to use instead of the files' (single-node clusters) */
    public TopicApplier(Admin admin, Optional<Short> replicationFactorOverride) {
        this.admin = admin;
        this.replicationFactorOverride = replicationFactorOverride;
    }

    /** Applies the topic files shipped in the jar to a cluster, with a short-lived admin client. */
    public static ApplyReport applyShipped(KafkaConnection kafka, TopicNames shipped,
                                           Optional<Short> replicationFactorOverride)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(kafka.baseProperties())) {
            return new TopicApplier(admin, replicationFactorOverride).apply(TopicCatalog.fromClasspath(shipped));
        }
    }

    /** Creates and aligns; returns what changed and what could not be fixed. */
    public ApplyReport apply(TopicCatalog catalog) throws ExecutionException, InterruptedException {
        return run(catalog, true);
    }

    /** Changes nothing; reports every way the cluster contradicts the files (missing topics included). */
    public ApplyReport verify(TopicCatalog catalog) throws ExecutionException, InterruptedException {
        return run(catalog, false);
    }

    private ApplyReport run(TopicCatalog catalog, boolean fix) throws ExecutionException, InterruptedException {
        List<String> created = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> existing = admin.listTopics().names().get();
        List<TopicSpec> missing = catalog.topics().stream().filter(t -> !existing.contains(t.name())).toList();
        List<TopicSpec> present = catalog.topics().stream().filter(t -> existing.contains(t.name())).toList();
        if (fix) {
            create(missing, created, problems);
        } else {
            missing.forEach(t -> problems.add(t.name() + ": missing"));
        }
        if (present.isEmpty()) {
            return new ApplyReport(created, altered, unchanged, problems);
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names(present)).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new HashMap<>();
        for (TopicSpec spec : present) {
            TopicDescription description = descriptions.get(spec.name());
            checkShape(spec, description, problems);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            List<String> drifted = drifted(spec, configs.get(resource));
            if (drifted.isEmpty()) {
                unchanged.add(spec.name());
            } else if (fix) {
                alterations.put(resource, drifted.stream().map(key -> new AlterConfigOp(
                        new ConfigEntry(key, configs(spec).get(key)), AlterConfigOp.OpType.SET)).toList());
                altered.add(spec.name() + " " + drifted);
            } else {
                problems.add(spec.name() + ": configs differ from the topic file: " + drifted);
            }
        }
        if (!alterations.isEmpty()) {
            admin.incrementalAlterConfigs(alterations).all().get();
        }
        return new ApplyReport(created, altered, unchanged, problems);
    }

    /**
     * Creates {@code missing}; a topic the cluster has too few brokers to replicate as declared is a problem
     * to report, not a failure, so that the report names every such topic and the way out.
     */
    private void create(List<TopicSpec> missing, List<String> created, List<String> problems)
            throws ExecutionException, InterruptedException {
        if (missing.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor(t)).configs(configs(t))).toList()).values();
        List<String> made = new ArrayList<>();
        for (TopicSpec spec : missing) {
            try {
                results.get(spec.name()).get();
                made.add(spec.name());
                created.add(spec.name() + " (" + spec.partitions() + " partitions, replication " + replicationFactor(spec) + ")");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidReplicationFactorException)) {
                    throw e;
                }
                problems.add(spec.name() + ": cannot be created with replication factor " + replicationFactor(spec) + ": "
                        + e.getCause().getMessage() + " (on a smaller cluster, give a replication factor override, "
                        + "e.g. --replication-factor 1)");
            }
        }
        if (!made.isEmpty()) {
            awaitLeaders(admin, made);
        }
    }

    /**
     * Waits until every partition of {@code topics} has a leader. Writing to a partition its broker has not
     * applied yet can make an idempotent producer lose a reordered request (KAFKA-15591), and the service
     * writes to topics it just created.
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (true) {
            try {
                if (admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topics + " still have no leader after " + LEADER_TIMEOUT);
            }
            Thread.sleep(LEADER_POLL.toMillis());
        }
    }

    private void checkShape(TopicSpec spec, TopicDescription description, List<String> problems) {
        int partitions = description.partitions().size();
        if (partitions != spec.partitions()) {
            problems.add(spec.name() + ": " + partitions + " partitions, the topic file declares " + spec.partitions()
                    + " (change partitions by hand: it moves keys between partitions)");
        }
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas != replicationFactor(spec)) {
            problems.add(spec.name() + ": replication factor " + replicas + ", expected " + replicationFactor(spec)
                    + " (reassign partitions by hand)");
        }
    }

    private List<String> drifted(TopicSpec spec, Config actual) {
        return configs(spec).entrySet().stream()
                .filter(e -> actual.get(e.getKey()) == null || !e.getValue().equals(actual.get(e.getKey()).value()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private Map<String, String> configs(TopicSpec spec) {
        return spec.configsFor(replicationFactor(spec));
    }

    private short replicationFactor(TopicSpec spec) {
        return replicationFactorOverride.orElse(spec.replicationFactor());
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }
}

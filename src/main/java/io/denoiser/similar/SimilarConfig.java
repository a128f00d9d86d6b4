package io.denoiser.similar;

import io.denoiser.config.KafkaConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Everything {@code similar} needs, in one typed object built from CLI options and environment.
 *
 * @param kafka          cluster address and pass-through client settings
 * @param topics         latent topics to index
 * @param groupId        consumer group its offsets are committed under, for lag monitoring only: the index is
 *                       rebuilt from the earliest offset at every start
 * @param indexDirectory where the index lives on disk, memory-mapped; empty keeps it on the heap
 * @param spacesPerModel spaces kept per model, newest first: the one in use and those arriving after model swaps
 * @param maxK           most neighbours one query may ask for
 * @param httpAddress    interface of the HTTP API, metrics and health
 * @param httpPort       its port; 0 picks a free one
 */
public record SimilarConfig(KafkaConnection kafka, List<String> topics, String groupId, Optional<Path> indexDirectory,
                            int spacesPerModel, int maxK, String httpAddress, int httpPort) {

    public static final String DEFAULT_GROUP_ID = "kafka-denoiser-similar";
    public static final int DEFAULT_SPACES_PER_MODEL = 2;
    public static final int DEFAULT_MAX_K = 100;

    public SimilarConfig {
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("name at least one latent topic");
        }
        if (spacesPerModel < 1 || maxK < 1) {
            throw new IllegalArgumentException("spaces per model and max k must be positive");
        }
    }

    /** Defaults for everything but the cluster and the topics; HTTP on a free port of the loopback interface. */
    public static SimilarConfig defaults(KafkaConnection kafka, List<String> topics) {
        return new SimilarConfig(kafka, topics, DEFAULT_GROUP_ID, Optional.empty(), DEFAULT_SPACES_PER_MODEL,
                DEFAULT_MAX_K, "127.0.0.1", 0);
    }

    /** The consumer's settings: committed records only, from the earliest offset; pass-through settings win. */
    public Properties consumerProperties() {
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Offsets are committed once their records are searchable, not on a timer.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        kafka.clientProperties().forEach(properties::put);
        return properties;
    }
}

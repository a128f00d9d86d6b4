package io.denoiser.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic as declared in a file under {@code topics/}: its shape, configs and contract.
 *
 * @param replicationFactor the production replication factor; single-node brokers apply with an override
 * @param configs           Kafka topic configs, values as strings
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                        RecordFormat key, RecordFormat value, String purpose, List<String> producers,
                        List<String> consumers) {

    /** {@code denoiser.<domain>.<kind>}: lower case words joined by dots, two or three after the prefix. */
    public static final Pattern NAME_CONVENTION = Pattern.compile("denoiser(\\.[a-z][a-z0-9-]*){1,3}");
    /** A broker's {@code message.max.bytes} default, which a topic without its own limit takes. */
    public static final long BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1048588;

    public TopicSpec {
        configs = configs == null ? Map.of() : Map.copyOf(configs);
        producers = producers == null ? List.of() : List.copyOf(producers);
        consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    /** Replicas that must have a write under {@code acks=all}: its {@code min.insync.replicas}, else the broker's 1. */
    public int minInsyncReplicas() {
        String declared = configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        return declared == null ? 1 : Integer.parseInt(declared);
    }

    /**
     * Its configs for a topic of {@code replicas} replicas: {@code min.insync.replicas} no higher than that,
     * or no write to a topic created with fewer replicas than the file declares (one broker) could succeed.
     */
    public Map<String, String> configsFor(short replicas) {
        if (minInsyncReplicas() <= replicas) {
            return configs;
        }
        Map<String, String> capped = new HashMap<>(configs);
        capped.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(replicas));
        return Map.copyOf(capped);
    }

    /** The largest record batch the topic takes: its {@code max.message.bytes}, or the broker default. */
    public long maxMessageBytes() {
        String declared = configs.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        return declared == null ? BROKER_DEFAULT_MAX_MESSAGE_BYTES : Long.parseLong(declared);
    }
}

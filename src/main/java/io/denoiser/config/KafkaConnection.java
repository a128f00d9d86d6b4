package io.denoiser.config;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the cluster is and how to talk to it. {@code clientProperties} pass straight through to every
 * Kafka client (security.protocol, sasl.*, ssl.*, ...), so any security setup Kafka supports works.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {

    public KafkaConnection {
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** Base properties for any client: bootstrap servers plus the pass-through settings. */
    public Properties baseProperties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(clientProperties);
        return properties;
    }
}

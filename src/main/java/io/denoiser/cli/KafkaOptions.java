package io.denoiser.cli;

import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Cluster options shared by every command that talks to Kafka, named as Kafka's own tools name them too. */
public final class KafkaOptions {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(names = {"--bootstrap-servers", "--bootstrap-server"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: " + DEFAULT_BOOTSTRAP_SERVERS
                    + ", or for demo and bench stream a broker started in-process).")
    String bootstrapServers;

    @Option(names = {"--kafka-config", "--command-config"}, paramLabel = "FILE", defaultValue = "${env:KAFKA_CONFIG_FILE}",
            converter = ExistingFileConverter.class,
            description = "Properties file of Kafka client settings, e.g. security.protocol, sasl.*, ssl.* "
                    + "(env KAFKA_CONFIG_FILE).")
    Path configFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client setting passed straight through; repeatable; wins over --kafka-config.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--connect-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest wait for the cluster to answer before the command gives up (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** The deployment's topics on that cluster: the one place the commands take their names from. */
    public TopicNames topics() {
        return Main.TOPICS;
    }

    public KafkaConnection connection() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            settings.putAll(readProperties(configFile));
        }
        settings.putAll(properties);
        return new KafkaConnection(Optional.ofNullable(bootstrapServers).orElse(DEFAULT_BOOTSTRAP_SERVERS), settings);
    }

    /** The cluster the options name, checked to answer within --connect-timeout. */
    KafkaConnection reachableConnection() throws IOException {
        return ClusterCheck.requireReachable(connection(), connectTimeout);
    }

    /** The cluster given by option or environment, checked to answer; empty when none was. */
    Optional<KafkaConnection> givenReachableCluster() throws IOException {
        return bootstrapServers == null ? Optional.empty() : Optional.of(reachableConnection());
    }

    private static Map<String, String> readProperties(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(name -> result.put(name, loaded.getProperty(name)));
        return result;
    }
}

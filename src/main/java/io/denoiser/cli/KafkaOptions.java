package io.denoiser.cli;

import io.denoiser.config.KafkaConnection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Cluster options shared by every command that talks to Kafka. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-config", converter = ExistingFileConverter.class,
            paramLabel = "FILE", defaultValue = "${env:KAFKA_CONFIG_FILE}",
            description = "Properties file of Kafka client settings, e.g. security.protocol, sasl.*, ssl.* "
                    + "(env KAFKA_CONFIG_FILE).")
    Path configFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client setting passed straight through; repeatable; wins over --kafka-config.")
    Map<String, String> properties = new LinkedHashMap<>();

    public KafkaConnection connection() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            settings.putAll(readProperties(configFile));
        }
        settings.putAll(properties);
        return new KafkaConnection(bootstrapServers, settings);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka config " + file, e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        loaded.stringPropertyNames().forEach(name -> result.put(name, loaded.getProperty(name)));
        return result;
    }
}

package io.denoiser.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DenoiserConfigTest {

    private final Path stateDir = Path.of("/tmp/denoiser-state");

    @Test
    void shouldPollBrieflyWhenIdleSoThatBackgroundResultsAreForwardedSoon() {
        Properties properties = DenoiserConfig.defaults(KafkaConnection.of("broker:9092"), stateDir).streamsProperties();
        assertThat(properties.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(DenoiserConfig.IDLE_POLL_MS);
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldLetPassThroughClientSettingsOverrideItsDefaults() {
        KafkaConnection kafka = new KafkaConnection("broker:9092", Map.of(StreamsConfig.POLL_MS_CONFIG, "50",
                "security.protocol", "SASL_SSL"));
        Properties properties = DenoiserConfig.defaults(kafka, stateDir).streamsProperties();
        assertThat(properties.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo("50");
        assertThat(properties.get("security.protocol")).isEqualTo("SASL_SSL");
    }
}

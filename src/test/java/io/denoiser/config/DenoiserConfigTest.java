package io.denoiser.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DenoiserConfigTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private final Path stateDir = Path.of("/tmp/denoiser-state");

    @Test
    void shouldPollBrieflyWhenIdleSoThatBackgroundResultsAreForwardedSoon() {
        Properties properties = DenoiserConfig.builder(KafkaConnection.of("broker:9092"), TOPICS, stateDir).build().streamsProperties();
        assertThat(properties.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(DenoiserConfig.IDLE_POLL_MS);
        assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldLetProducersAndChangelogTopicsCarryAnInputValueOfTheByteLimitWithItsKeyAndHeaders() {
        Properties properties = DenoiserConfig.builder(KafkaConnection.of("broker:9092"), TOPICS, stateDir).build().streamsProperties();
        int largest = DenoiserConfig.DEFAULT_MAX_INPUT_BYTES + DenoiserConfig.RECORD_OVERHEAD_BYTES;
        assertThat(properties.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))).isEqualTo(largest);
        assertThat(properties.get(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)))
                .isEqualTo(Integer.toString(largest));
    }

    @Test
    void shouldLeaveTheBufferChangelogsOfTheSingleBrokerDefaultsToTheBrokersReplication() {
        Properties properties = DenoiserConfig.builder(KafkaConnection.of("broker:9092"), TOPICS, stateDir).build().streamsProperties();
        assertThat(properties.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
        assertThat(properties.get(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))).isEqualTo("1");
    }

    @Test
    void shouldLetPassThroughClientSettingsOverrideItsDefaults() {
        KafkaConnection kafka = new KafkaConnection("broker:9092", Map.of(StreamsConfig.POLL_MS_CONFIG, "50",
                "security.protocol", "SASL_SSL"));
        Properties properties = DenoiserConfig.builder(kafka, TOPICS, stateDir).build().streamsProperties();
        assertThat(properties.get(StreamsConfig.POLL_MS_CONFIG)).isEqualTo("50");
        assertThat(properties.get("security.protocol")).isEqualTo("SASL_SSL");
    }
}

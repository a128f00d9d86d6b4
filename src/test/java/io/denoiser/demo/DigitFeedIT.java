package io.denoiser.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.TestKafkaCluster;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DigitFeedIT {

    @Test
    void shouldSendNoisyDigitsInTheAskedFormatWithTheirContentType() throws Exception {
        try (TestKafkaCluster cluster = TestKafkaCluster.start()) {
            // Given a topic, when 30 noisy digits are fed to it as PNG
            cluster.createTopics(Map.of("noisy", 1));
            try (DigitFeed feed = new DigitFeed(cluster.connection(), TensorFormat.PNG)) {
                assertThat(feed.sendNoisy("noisy", 30, 1000, 0.5, 1)).isEqualTo(30);
            }
            List<ConsumerRecord<String, byte[]>> records = cluster.readCommitted(List.of("noisy"), 30, Duration.ofSeconds(30));
            // Then each is a 28x28 PNG, labelled as such, under a key of its own
            assertThat(records).hasSize(30);
            TensorCodec codec = new TensorCodec(1 << 20);
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(new String(record.headers().lastHeader(TensorFormat.CONTENT_TYPE_HEADER).value(),
                        StandardCharsets.UTF_8)).isEqualTo("image/png");
                assertThat(codec.decode(record.value(), TensorFormat.PNG).shape()).containsExactly(28, 28);
            }
            assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        }
    }
}

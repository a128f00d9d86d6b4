package io.denoiser.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's broker is a real one: it runs transactions, and it leaves nothing behind. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerIT {

    @Test
    void shouldCommitTransactionsAndHideAbortedOnes() throws Exception {
        List<String> seen = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            // Given an embedded broker with one topic
            Properties base = new Properties();
            base.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(base)) {
                admin.createTopics(List.of(new NewTopic("denoiser.test", 1, (short) 1))).all().get();
            }
            // When a transactional producer aborts one record and commits another, and a read_committed consumer reads
            Properties producerProperties = new Properties();
            producerProperties.putAll(base);
            producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerProperties, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("denoiser.test", "k", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("denoiser.test", "k", "committed"));
                producer.commitTransaction();
            }
            Properties consumerProperties = new Properties();
            consumerProperties.putAll(base);
            consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
            consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerProperties, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("denoiser.test"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seen.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        seen.add(record.value());
                    }
                }
            }
        }
        // Then the consumer saw only the committed record, and the closed broker left no non-daemon thread
        assertThat(seen).containsExactly("committed");
        assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(thread ->
                assertThat(!thread.isDaemon() && thread.getName().matches("(?i).*(kafka|raft|controller|broker).*")).isTrue());
    }
}

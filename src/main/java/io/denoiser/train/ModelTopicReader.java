package io.denoiser.train;

import io.denoiser.config.KafkaConnection;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecordCodec;
import io.denoiser.model.ModelTrust;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the models topic from the start to its current end and returns the newest valid version. */
public final class ModelTopicReader {

    private ModelTopicReader() {
    }

    /** The newest version of {@code modelName} on the topic that {@code trust} accepts. */
    public static Optional<ModelRecord> latest(KafkaConnection kafka, String topic, String modelName, ModelTrust trust) {
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ModelRecordCodec.MAX_RECORD_BYTES + 1024);
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ModelRecord newest = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ModelRecord candidate = decodeIfFor(modelName, record, trust);
                    if (candidate != null && (newest == null || candidate.version() > newest.version())) {
                        newest = candidate;
                    }
                }
            }
            return Optional.ofNullable(newest);
        }
    }

    private static ModelRecord decodeIfFor(String modelName, ConsumerRecord<String, byte[]> record, ModelTrust trust) {
        if (!modelName.equals(record.key()) || record.value() == null) {
            return null;
        }
        try {
            return trust.open(record.value());
        } catch (InvalidModelException e) {
            return null;
        }
    }
}

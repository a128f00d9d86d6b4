package io.denoiser.modeltopic;

import io.denoiser.model.InvalidModelException;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** Reads the models topic from the start to its current end, committed records only. */
public final class ModelTopicReader {

    private ModelTopicReader() {
    }

    /**
     * The trusted version of {@code modelName} released last, as the denoisers with this trust run it.
     *
     * @param kafka the client properties every client gets, as {@code KafkaConnection.baseProperties()} builds them
     */
    public static Optional<ModelRecord> latest(Properties kafka, String topic, String modelName, ModelTrust trust) {
        return history(kafka, topic, trust).current(modelName);
    }

    /**
     * Every record on the topic but those a later tombstone deletes, judged by {@code trust}.
     *
     * @param kafka the client properties every client gets, as {@code KafkaConnection.baseProperties()} builds them
     */
    public static ModelHistory history(Properties kafka, String topic, ModelTrust trust) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ModelRecordCodec.MAX_RECORD_BYTES + 1024);
        List<ModelHistory.Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        entries.add(entry(record, trust));
                    } else {
                        // what compaction will do: a tombstone deletes everything before it under its key
                        entries.removeIf(e -> e.key() != null && e.key().equals(record.key()));
                    }
                }
            }
        }
        return new ModelHistory(entries);
    }

    private static ModelHistory.Entry entry(ConsumerRecord<String, byte[]> record, ModelTrust trust) {
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        try {
            String signer = ModelTrust.signer(record.value());
            try {
                ModelRecord trusted = trust.open(record.value());
                ModelKeys.check(record.key(), trusted);
                return new ModelHistory.Entry(record.offset(), timestamp, record.key(), signer, trusted.metadata(),
                        trusted, null);
            } catch (InvalidModelException refused) {
                // Decoding is safe on untrusted bytes (the codec checks every length and never deserializes
                // objects); it only tells the registry commands what the refused record claims to be.
                ModelMetadata claimed = ModelRecordCodec.decode(ModelTrust.unsigned(record.value())).metadata();
                return new ModelHistory.Entry(record.offset(), timestamp, record.key(), signer, claimed, null,
                        refused.reason() + " " + refused.getMessage());
            }
        } catch (InvalidModelException malformed) {
            return new ModelHistory.Entry(record.offset(), timestamp, record.key(), "malformed", null, null,
                    malformed.reason() + " " + malformed.getMessage());
        }
    }
}

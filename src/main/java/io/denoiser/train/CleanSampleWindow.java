package io.denoiser.train;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.KafkaConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sliding window of the most recent clean samples (images or sequence windows) on a clean topic. It reads
 * every partition from the beginning (no consumer group), so a restarted trainer rebuilds the same window
 * from the topic. Memory is bounded by {@code capacity x sampleSize} floats.
 */
final class CleanSampleWindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanSampleWindow.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final ArrayDeque<float[]> samples = new ArrayDeque<>();
    private final String topic;
    private final int capacity;
    private final int sampleSize;
    private long rejected;

    CleanSampleWindow(KafkaConnection kafka, String topic, int capacity, int sampleSize) {
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.capacity = capacity;
        this.sampleSize = sampleSize;
        this.topic = topic;
    }

    /** Reads whatever arrived since the last call; returns how many new samples were added. */
    int catchUp() {
        int added = 0;
        ConsumerRecords<String, byte[]> batch;
        do {
            batch = consumer.poll(Duration.ofMillis(500));
            for (ConsumerRecord<String, byte[]> record : batch) {
                if (add(record.value())) {
                    added++;
                }
            }
        } while (!batch.isEmpty());
        return added;
    }

    float[][] snapshot() {
        return samples.toArray(float[][]::new);
    }

    int size() {
        return samples.size();
    }

    /** Where the window stands on each partition of its topic: recorded in the metadata of what it trains. */
    Map<String, Object> position() {
        Map<String, Long> offsets = new TreeMap<>();
        consumer.assignment().forEach(p -> offsets.put(Integer.toString(p.partition()), consumer.position(p)));
        return Map.of("topic", topic, "next_offsets", offsets, "samples", samples.size());
    }

    private boolean add(byte[] value) {
        try {
            Tensor tensor = codec.decodeDetectingGrayscale(value);
            if (tensor.values().length != sampleSize) {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_SHAPE,
                        tensor.values().length + " values, expected " + sampleSize);
            }
            if (samples.size() == capacity) {
                samples.removeFirst();
            }
            samples.addLast(tensor.values());
            return true;
        } catch (InvalidRecordException e) {
            rejected++;
            LOG.warn("clean sample skipped ({} so far): {}", rejected, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

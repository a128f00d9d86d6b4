package io.denoiser.train;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.KafkaConnection;
import io.denoiser.data.ImageFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * from the topic. Memory is bounded by a number of samples and by their total values, since images of any
 * size may arrive for a tiled design.
 */
final class CleanSampleWindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanSampleWindow.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TensorCodec codec;
    private final BoundedSamples samples;
    private final CleanSampleShape accepted;
    private final String topic;
    private long rejected;

    /**
     * @param capacity    most samples kept
     * @param maxElements most values kept, over all samples; no record may decode to more
     */
    CleanSampleWindow(KafkaConnection kafka, String topic, int capacity, long maxElements, CleanSampleShape accepted) {
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.codec = new TensorCodec(maxElements);
        this.samples = new BoundedSamples(capacity, maxElements);
        this.accepted = accepted;
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

    /** The samples' values, oldest first: records of one shape. */
    float[][] snapshot() {
        return samples.list().stream().map(Tensor::values).toArray(float[][]::new);
    }

    /**
     * The images as grayscale planes, oldest first: a single-channel design denoises a colour image plane by
     * plane, so it learns from each plane of one too.
     */
    List<ImageFiles.Photo> planes() {
        List<ImageFiles.Photo> planes = new ArrayList<>();
        List<Tensor> images = samples.list();
        for (int i = 0; i < images.size(); i++) {
            int[] chw = CleanSampleShape.chw(images.get(i).shape());
            float[] values = images.get(i).values();
            int planeSize = chw[1] * chw[2];
            for (int channel = 0; channel < chw[0]; channel++) {
                // a gray image is its own plane: no copy of the window
                float[] plane = chw[0] == 1 ? values : Arrays.copyOfRange(values, channel * planeSize, (channel + 1) * planeSize);
                planes.add(new ImageFiles.Photo("clean-" + i + "-" + channel, chw[1], chw[2], plane));
            }
        }
        return planes;
    }

    int size() {
        return samples.size();
    }

    /** Where the window stands on each partition of its topic: recorded in the metadata of what it trains. */
    Map<String, Object> position() {
        Map<String, Long> offsets = new TreeMap<>();
        consumer.assignment().forEach(p -> offsets.put(Integer.toString(p.partition()), consumer.position(p)));
        return Map.of("topic", topic, "next_offsets", offsets, "samples", samples.size(), "values", samples.elements());
    }

    private boolean add(byte[] value) {
        try {
            Tensor tensor = accepted.decode(codec, value);
            accepted.check(tensor);
            samples.add(tensor);
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

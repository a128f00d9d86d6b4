package io.denoiser.similar;

import io.denoiser.codec.InvalidRecordException;
import io.denoiser.codec.TensorCodec;
import io.denoiser.metrics.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the latent topics into the {@link LatentIndex} on a thread of its own. Every instance reads every
 * partition from the earliest offset (it assigns them rather than joining a group's rebalances), since each one
 * answers queries over all keys from its own index. Ready once it has indexed up to the end offsets it found at
 * start; live while its thread runs.
 */
final class LatentConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatentConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final List<String> topics;
    private final LatentIndex index;
    private final SimilarMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final TensorCodec codec = new TensorCodec(WideHnswVectorsFormat.MAX_DIMENSIONS);
    private final Thread thread;
    private final AtomicLong lag = new AtomicLong();
    private volatile boolean closed;
    private volatile Readiness ready = Readiness.down("starting");
    private volatile Throwable failure;

    LatentConsumer(SimilarConfig config, LatentIndex index, SimilarMetrics metrics) {
        this.topics = config.topics();
        this.index = index;
        this.metrics = metrics;
        this.consumer = new KafkaConsumer<>(config.consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "similar-consumer");
        metrics.lag(lag::get);
    }

    void start() {
        thread.start();
    }

    Readiness live() {
        Throwable failed = failure;
        return failed != null ? Readiness.down("the consumer failed: " + failed)
                : closed || !thread.isAlive() ? Readiness.down("the consumer stopped") : Readiness.UP;
    }

    Readiness ready() {
        Readiness live = live();
        return live.ready() ? ready : live;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            ready = Readiness.down("indexing up to the end offsets found at start: " + ends);
            while (!closed) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                records.forEach(this::index);
                if (!records.isEmpty()) {
                    index.refresh();
                    consumer.commitAsync();
                }
                lag.set(partitions.stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum());
                if (!ready.ready() && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    ready = Readiness.UP;
                    LOG.info("caught up with {}: {}", topics, index.spaces());
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                failure = e;
            }
        } catch (Exception e) {
            LOG.error("the latent consumer failed", e);
            failure = e;
        } finally {
            consumer.close();
        }
    }

    /** Every partition of the topics, once they all exist. */
    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        while (true) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            ready = Readiness.down("waiting for topics " + missing);
            Thread.sleep(TOPIC_WAIT.toMillis());
        }
    }

    private void index(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null && record.key() != null) {
                index.delete(record.key());
                return;
            }
            LatentRecord latent = LatentRecord.of(record, codec);
            index.put(latent);
            metrics.indexed(latent.model());
        } catch (InvalidRecordException e) {
            skip(record, e.reason().name(), e);
        } catch (IllegalArgumentException e) {
            skip(record, "UNINDEXABLE", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason, RuntimeException e) {
        metrics.skipped(reason);
        LOG.debug("skipped {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason, e.getMessage());
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        thread.join();
    }
}

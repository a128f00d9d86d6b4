package io.denoiser.faults;

import io.denoiser.stream.OutputHeaders;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads output topics under read_committed for the whole of a fault test, in the background: how many
 * times each key appeared on each topic, when it first did, and which model versions computed them, so
 * that duplicates, recovery times and swaps come from what a downstream consumer saw.
 */
public final class CommittedOutputWatcher implements AutoCloseable {

    private final Map<String, Map<String, Integer>> counts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> firstSeenNanos = new ConcurrentHashMap<>();
    private final Set<Long> modelVersions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    public CommittedOutputWatcher(Properties connection, Collection<String> topics) {
        topics.forEach(topic -> {
            counts.put(topic, new ConcurrentHashMap<>());
            firstSeenNanos.put(topic, new ConcurrentHashMap<>());
        });
        Properties properties = new Properties();
        properties.putAll(connection);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-watcher-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader = new Thread(() -> read(properties, List.copyOf(topics)), "fault-watcher");
        reader.start();
    }

    private void read(Properties properties, List<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    counts.get(record.topic()).merge(record.key(), 1, Integer::sum);
                    firstSeenNanos.get(record.topic()).putIfAbsent(record.key(), now);
                    modelVersions.add(OutputHeaders.modelVersion(record.headers()));
                }
            }
        }
    }

    /** How many times each key has appeared on {@code topic} so far. */
    public Map<String, Integer> counts(String topic) {
        return Map.copyOf(counts.get(topic));
    }

    /** When each key first appeared on {@code topic}, in {@link System#nanoTime()}. */
    public Map<String, Long> firstSeen(String topic) {
        return Map.copyOf(firstSeenNanos.get(topic));
    }

    /** The model versions the records seen so far name in their headers; -1 for a record that names none. */
    public Set<Long> modelVersions() {
        return Set.copyOf(modelVersions);
    }

    /** Waits until a record computed by model {@code version} (its header says) appeared on any topic watched. */
    public void awaitModelVersion(long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!modelVersions.contains(version)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no output of model version " + version + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code keys} have all appeared on {@code topic}, or the timeout passed; then one more second for late duplicates. */
    public boolean awaitAll(String topic, Collection<String> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!counts.get(topic).keySet().containsAll(keys) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
        return counts.get(topic).keySet().containsAll(keys);
    }

    /** Waits until at least {@code count} distinct keys appeared on {@code topic}. */
    public void awaitAtLeast(String topic, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counts.get(topic).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + ": " + counts.get(topic).size() + " of " + count
                        + " keys within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
    }
}

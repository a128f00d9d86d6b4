package io.denoiser.bench;

import io.denoiser.config.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an output topic as a downstream consumer would (read_committed) on its own thread, counting
 * records, noting when the last arrived, and how long each took from its timestamp (the input's) to here.
 */
final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final long markAt;
    private final AtomicLong markNanos = new AtomicLong();

    /** Records whose key starts with this are counted but left out of the latency figures. */
    static final String WARM_UP_PREFIX = "warm-up-";

    OutputWatcher(KafkaConnection kafka, String topic) {
        this(kafka, topic, 0);
    }

    /** @param markAt the count of outputs whose arrival time {@link #markNanos()} gives */
    OutputWatcher(KafkaConnection kafka, String topic, long markAt) {
        this.markAt = markAt;
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "denoiser-bench-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::poll, "bench-output-watcher");
        thread.start();
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (!record.key().startsWith(WARM_UP_PREFIX)) {
                        latenciesMs.add(System.currentTimeMillis() - record.timestamp());
                    }
                    long arrived = System.nanoTime();
                    if (count.incrementAndGet() == markAt) {
                        markNanos.set(arrived);
                    }
                    lastArrivalNanos.set(arrived);
                }
            }
        } catch (WakeupException e) {
            // close() ends the loop
        } finally {
            consumer.close();
        }
    }

    void awaitCount(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.get() + " of " + expected + " outputs within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    long lastArrivalNanos() {
        return lastArrivalNanos.get();
    }

    /** When the output counted {@code markAt} arrived. */
    long markNanos() {
        return markNanos.get();
    }

    double latencyPercentileMs(double percentile) {
        List<Long> sorted;
        synchronized (latenciesMs) {
            sorted = new ArrayList<>(latenciesMs);
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}

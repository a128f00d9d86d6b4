package io.denoiser.demo;

import io.denoiser.codec.TensorCodec;
import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import io.denoiser.stream.OutputHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumes the denoiser's outputs as a downstream user would (read_committed, so only what the
 * exactly-once transactions committed), on its own thread, and keeps what the demo reports.
 */
final class OutputCollector implements AutoCloseable {

    /** A denoised image and the model version that produced it. */
    record Denoised(float[] image, long modelVersion) {
    }

    /** A latent vector, the model version that produced it and the space it is comparable in. */
    record Latent(float[] vector, long modelVersion, String space) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final Map<String, Denoised> denoised = new ConcurrentHashMap<>();
    private final Map<String, Latent> latents = new ConcurrentHashMap<>();
    private final AtomicInteger denoisedRecords = new AtomicInteger();
    private final AtomicInteger latentRecords = new AtomicInteger();
    private final AtomicInteger deadLetters = new AtomicInteger();
    private final AtomicLong lastOutputNanos = new AtomicLong();
    private final Thread thread;

    OutputCollector(KafkaConnection kafka, TopicNames topics) {
        Properties properties = kafka.baseProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "denoiser-demo-reader-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.thread = new Thread(this::pollLoop, "demo-output-reader");
    }

    void start() {
        consumer.subscribe(List.of(topics.denoisedImages(), topics.latentVectors(), topics.deadLetters()));
        thread.start();
    }

    private void pollLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // close() asked the loop to end
        } finally {
            consumer.close();
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(topics.denoisedImages())) {
            denoised.put(record.key(), new Denoised(codec.decodeDetecting(record.value()).values(),
                    OutputHeaders.modelVersion(record.headers())));
            denoisedRecords.incrementAndGet();
        } else if (record.topic().equals(topics.latentVectors())) {
            long version = OutputHeaders.modelVersion(record.headers());
            Header space = record.headers().lastHeader(OutputHeaders.LATENT_SPACE);
            // a bottleneck has no space header: each version's vectors are a space of their own
            latents.put(record.key(), new Latent(codec.decodeDetecting(record.value()).values(), version,
                    space == null ? "version " + version : new String(space.value(), StandardCharsets.UTF_8)));
            latentRecords.incrementAndGet();
        } else {
            deadLetters.incrementAndGet();
        }
        lastOutputNanos.set(System.nanoTime());
    }

    /** Waits until at least {@code count} denoised and latent records arrived; false on timeout. */
    boolean awaitOutputs(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (denoisedRecords.get() < count || latentRecords.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    Map<String, Denoised> denoised() {
        return denoised;
    }

    Map<String, Latent> latents() {
        return latents;
    }

    int denoisedRecords() {
        return denoisedRecords.get();
    }

    int latentRecords() {
        return latentRecords.get();
    }

    int deadLetters() {
        return deadLetters.get();
    }

    long lastOutputNanos() {
        return lastOutputNanos.get();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}

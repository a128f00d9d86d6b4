package io.denoiser.demo;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.config.KafkaConnection;
import io.denoiser.data.MnistDataset;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces digits the way a user's application would: one binary uint8 tensor per record. */
final class DigitProducer implements AutoCloseable {

    private static final int[] SHAPE = {28, 28};

    private final KafkaProducer<String, byte[]> producer;
    private final TensorCodec codec;
    private final AtomicInteger noisySent = new AtomicInteger();

    DigitProducer(KafkaConnection kafka, TensorCodec codec) {
        Properties properties = kafka.baseProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.codec = codec;
    }

    static String key(int index) {
        return String.format("digit-%05d", index);
    }

    void sendClean(String topic, MnistDataset images) {
        for (int i = 0; i < images.size(); i++) {
            producer.send(new ProducerRecord<>(topic, "clean-" + i, codec.encodeUint8(new Tensor(SHAPE, images.image(i)))));
        }
        producer.flush();
    }

    /**
     * Sends noisy digits {@code from..to} and waits until the denoiser's outputs for them are visible.
     *
     * @return nanoseconds from the first send until the last output arrived
     */
    long sendNoisy(String topic, float[][] noisy, int from, int to, OutputCollector outputs, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(topic, key(i), codec.encodeUint8(new Tensor(SHAPE, noisy[i]))));
            noisySent.incrementAndGet();
        }
        producer.flush();
        if (!outputs.awaitOutputs(to, timeout)) {
            throw new IllegalStateException("outputs for digits up to " + to + " did not arrive within " + timeout);
        }
        return outputs.lastOutputNanos() - start;
    }

    int noisySent() {
        return noisySent.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}

package io.denoiser.demo;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.codec.TensorFormat;
import io.denoiser.config.KafkaConnection;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a user's producer: the bundled held-out digits with Gaussian noise, at a steady rate, in
 * any input format, each with its {@code content-type} header; optionally the clean training digits first,
 * for the trainer.
 */
public final class DigitFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DigitFeed.class);
    private static final int[] SHAPE = {28, 28};
    private static final int LOG_EVERY = 1000;

    private final KafkaProducer<String, byte[]> producer;
    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final TensorFormat format;

    public DigitFeed(KafkaConnection kafka, TensorFormat format) {
        Properties properties = kafka.baseProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        this.format = format;
    }

    /** The bundled training split, clean, for the trainer's window. */
    public int sendClean(String topic) {
        MnistDataset training = MnistDataset.bundled().trainingSplit();
        for (int i = 0; i < training.size(); i++) {
            send(topic, "clean-" + i, training.image(i));
        }
        producer.flush();
        return training.size();
    }

    /**
     * Noisy held-out digits, cycling through the 2,000 of them, at {@code ratePerSecond}.
     *
     * @param count records to send; 0 sends until the thread is interrupted
     */
    public long sendNoisy(String topic, long count, double ratePerSecond, double noiseLevel, long seed) {
        MnistDataset heldOut = MnistDataset.bundled().testSplit();
        GaussianNoise noise = new GaussianNoise(noiseLevel, seed);
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long next = System.nanoTime();
        long sent = 0;
        while ((count == 0 || sent < count) && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            send(topic, String.format("digit-%08d", sent), noise.apply(heldOut.image((int) (sent % heldOut.size()))));
            if (++sent % LOG_EVERY == 0) {
                LOG.info("{} noisy digits sent to {}", sent, topic);
            }
        }
        producer.flush();
        return sent;
    }

    /** One 28x28 digit in this feed's format; call {@link #flush()} to wait for everything sent. */
    void send(String topic, String key, float[] image) {
        Tensor tensor = new Tensor(SHAPE, image);
        byte[] value = format == TensorFormat.BINARY ? codec.encodeUint8(tensor) : codec.encode(tensor, format);
        producer.send(new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader(
                TensorFormat.CONTENT_TYPE_HEADER, format.contentType().getBytes(StandardCharsets.UTF_8)))));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}

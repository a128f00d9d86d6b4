package io.denoiser.faults;

import io.denoiser.codec.Tensor;
import io.denoiser.codec.TensorCodec;
import io.denoiser.data.GaussianNoise;
import io.denoiser.data.MnistDataset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Noisy digits into a topic at a steady rate, as a user's application sends them during a fault, keyed
 * {@code digit-N}; remembers when each key was acknowledged, so recovery can be timed from the inputs.
 */
public final class SteadyDigitProducer implements AutoCloseable {

    private static final int DIGITS = 1000;

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final TensorCodec codec = new TensorCodec(1 << 20);
    private final byte[][] values;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    public SteadyDigitProducer(KafkaProducer<String, byte[]> producer, String topic, int perSecond) {
        this.producer = producer;
        this.topic = topic;
        float[][] noisy = new GaussianNoise(0.5, 5).applyAll(MnistDataset.bundled().testSplit().slice(0, DIGITS));
        this.values = new byte[DIGITS][];
        for (int i = 0; i < DIGITS; i++) {
            values[i] = codec.encodeUint8(new Tensor(new int[] {28, 28}, noisy[i]));
        }
        timer.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    private void sendOne() {
        int index = next.getAndIncrement();
        String key = "digit-" + index;
        producer.send(new ProducerRecord<>(topic, key, values[index % DIGITS]), (metadata, error) -> {
            if (error == null) {
                sentAtNanos.put(key, System.nanoTime());
            }
        });
    }

    /** Stops sending and waits for every record in flight to be acknowledged. */
    public Map<String, Long> stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        producer.flush();
        return Map.copyOf(sentAtNanos);
    }

    /** The record sent under {@code key}, as the service decodes it. */
    public Tensor input(String key) {
        return codec.decodeDetecting(values[Integer.parseInt(key.substring("digit-".length())) % DIGITS]);
    }

    public int sentSoFar() {
        return sentAtNanos.size();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close();
    }
}

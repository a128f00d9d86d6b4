package io.denoiser.demo;

import io.denoiser.codec.TensorFormat;
import io.denoiser.config.KafkaConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's producer: binary uint8 digits under keys the demo can find again, and a count of what was
 * sent for its progress line.
 */
final class DigitProducer implements AutoCloseable {

    private final DigitFeed feed;
    private final AtomicInteger noisySent = new AtomicInteger();

    DigitProducer(KafkaConnection kafka) {
        this.feed = new DigitFeed(kafka, TensorFormat.BINARY);
    }

    static String key(int index) {
        return String.format("digit-%05d", index);
    }

    /** The bundled training split, clean, for the trainer. */
    void sendClean(String topic) {
        feed.sendClean(topic);
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
            feed.send(topic, key(i), noisy[i]);
            noisySent.incrementAndGet();
        }
        feed.flush();
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
        feed.close();
    }
}

package io.denoiser.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Produces at a fixed rate, as an open-loop load generator: the schedule does not wait for the service. */
final class PacedSender {

    private PacedSender() {
    }

    /**
     * Sends records keyed {@code keyPrefix + i}, cycling through {@code values}, at {@code ratePerSecond} for
     * {@code duration}; returns how many.
     */
    static int send(KafkaProducer<String, byte[]> producer, String topic, byte[][] values, double ratePerSecond,
                    Duration duration, String keyPrefix) {
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / ratePerSecond);
        int total = (int) (duration.toNanos() / intervalNanos);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(new ProducerRecord<>(topic, keyPrefix + i, values[i % values.length]));
        }
        producer.flush();
        return total;
    }
}

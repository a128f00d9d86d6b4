package io.denoiser.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Kafka Streams' own count of a client's stream threads that died, as its metrics binder reports it. */
public final class StreamThreadFailures {

    private StreamThreadFailures() {
    }

    /** How many stream threads failed (and were replaced or not) since the client started. */
    public static double count(MeterRegistry meters) {
        Meter failed = meters.find("kafka.stream.failed.stream.threads").meter();
        assertThat(failed).as("Kafka Streams' failed-stream-threads metric").isNotNull();
        return failed.measure().iterator().next().getValue();
    }
}

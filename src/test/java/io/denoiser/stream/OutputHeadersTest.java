package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class OutputHeadersTest {

    @Test
    void shouldWriteTheInferenceTimeAsPercentThreeFWouldWithoutAFormatterPerRecord() {
        for (long nanos : new long[] {0, 499, 500, 1_234_567, 999_999_499L, 999_999_500L, 12_000_000_000L, 7_000_001}) {
            assertThat(OutputHeaders.milliseconds(nanos)).as("%d ns", nanos)
                    .isEqualTo(String.format(Locale.ROOT, "%.3f", nanos / 1e6));
        }
    }
}

package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void shouldReadAnAmountWithAUnit() {
        assertThat(converter.convert("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void shouldReadIso8601() {
        assertThat(converter.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void shouldRefuseAnythingElseWithExamples() {
        assertThatThrownBy(() -> converter.convert("5 minutes")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'5 minutes' is not a duration such as 100ms, 30s, 5m, 2h or PT5M");
    }
}

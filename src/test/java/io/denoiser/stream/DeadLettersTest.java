package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.config.DenoiserConfig;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void shouldCutALongExceptionMessageSoThatHeadersStaySmall() {
        Headers headers = new RecordHeaders();
        DeadLetters.describe(headers, "UNPARSABLE", new IllegalStateException("x".repeat(10_000)), "in", 0, 7, "images");

        assertThat(new String(headers.lastHeader(DeadLetters.EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8))
                .hasSize(DeadLetters.MAX_MESSAGE_CHARS);
    }

    /** The names Kafka Streams 4.x writes on its own dead letters (KIP-1034), which tools read. */
    @Test
    void shouldDescribeTheCauseAndSourceUnderKafkaStreamsDeadLetterNamesToo() {
        Headers headers = new RecordHeaders();
        DeadLetters.describe(headers, "UNPARSABLE", new IllegalStateException("bad"), "in", 3, 7, "images");

        assertThat(value(headers, "__streams.errors.exception")).isEqualTo("java.lang.IllegalStateException");
        assertThat(value(headers, "__streams.errors.message")).isEqualTo("bad");
        assertThat(value(headers, "__streams.errors.stacktrace"))
                .startsWith("java.lang.IllegalStateException: bad").contains("\tat io.denoiser.stream.DeadLettersTest");
        assertThat(value(headers, "__streams.errors.topic")).isEqualTo("in");
        assertThat(value(headers, "__streams.errors.partition")).isEqualTo("3");
        assertThat(value(headers, "__streams.errors.offset")).isEqualTo("7");
        assertThat(value(headers, DeadLetters.REASON)).isEqualTo("UNPARSABLE");
    }

    @Test
    void shouldCutALongStackTrace() {
        Headers headers = new RecordHeaders();
        DeadLetters.describe(headers, "MODEL_FAILURE", deeplyNested(500), "in", 0, 7, "images");

        assertThat(value(headers, "__streams.errors.stacktrace")).hasSize(DeadLetters.MAX_STACKTRACE_CHARS);
    }

    @Test
    void shouldKeepAPayloadWithinTheLimitWholeAndCutALargerOneWithItsSize() {
        Headers whole = new RecordHeaders();
        Headers cut = new RecordHeaders();

        assertThat(DeadLetters.payload(new byte[4], 4, whole)).hasSize(4);
        assertThat(DeadLetters.payload(new byte[5], 4, cut)).hasSize(4);
        assertThat(DeadLetters.payload(null, 4, whole)).isNull();
        assertThat(whole.lastHeader(DeadLetters.ORIGINAL_SIZE)).isNull();
        assertThat(new String(cut.lastHeader(DeadLetters.ORIGINAL_SIZE).value(), StandardCharsets.UTF_8)).isEqualTo("5");
    }

    @Test
    void shouldCutAnOversizeKeyOnACharacterBoundaryWithinTheKeyLimitAndGiveItsSize() {
        Headers headers = new RecordHeaders();
        String euros = "\u20ac".repeat(DenoiserConfig.MAX_KEY_BYTES);

        String cut = DeadLetters.key(euros, headers);

        assertThat(cut).isEqualTo("\u20ac".repeat(DenoiserConfig.MAX_KEY_BYTES / 3));
        assertThat(new String(headers.lastHeader(DeadLetters.ORIGINAL_KEY_SIZE).value(), StandardCharsets.UTF_8))
                .isEqualTo(Integer.toString(3 * DenoiserConfig.MAX_KEY_BYTES));
    }

    @Test
    void shouldKeepAKeyWithinTheLimitWholeAndCountItsUtf8Bytes() {
        Headers headers = new RecordHeaders();
        String key = "a\u00e9\u20ac\ud83d\ude00";

        assertThat(DeadLetters.key(key, headers)).isSameAs(key);
        assertThat(DeadLetters.key(null, headers)).isNull();
        assertThat(headers.lastHeader(DeadLetters.ORIGINAL_KEY_SIZE)).isNull();
        assertThat(DeadLetters.utf8Length(key)).isEqualTo(key.getBytes(StandardCharsets.UTF_8).length).isEqualTo(10);
    }

    private static Exception deeplyNested(int depth) {
        Exception cause = new IllegalStateException("root");
        for (int i = 0; i < depth; i++) {
            cause = new IllegalStateException("level " + i, cause);
        }
        return cause;
    }

    private static String value(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

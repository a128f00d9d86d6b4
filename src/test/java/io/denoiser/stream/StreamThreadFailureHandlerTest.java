package io.denoiser.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailureHandlerTest {

    private final StreamThreadFailureHandler handler = new StreamThreadFailureHandler();

    @Test
    void shouldShutTheClientDownWhenAForwardPassKeepsFailingAndReplaceTheThreadOtherwise() {
        Throwable failedPass = new StreamsException("forward pass failed",
                new FailedPassException(8, BisectingPass.ERROR_ATTEMPTS, new OutOfMemoryError("simulated")));

        assertThat(handler.handle(failedPass)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.handle(new StreamsException("commit failed", new IllegalStateException("fenced"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}

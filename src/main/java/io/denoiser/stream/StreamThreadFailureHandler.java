package io.denoiser.stream;

import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's death does to the client. A thread that died of something passing is replaced
 * and goes on from the last commit. One whose forward pass kept failing with an Error would restore the
 * same batch and fail on it again, for ever: the client shuts down instead, liveness reports it, and the
 * process is restarted with fresh memory.
 */
final class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailureHandler.class);
    /** Deeper cause chains are not ours; the bound also guards against a chain that loops. */
    private static final int MAX_CAUSES = 32;

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (Stream.iterate(exception, Objects::nonNull, Throwable::getCause).limit(MAX_CAUSES)
                .anyMatch(FailedPassException.class::isInstance)) {
            LOG.error("forward passes keep failing; shutting the streams client down so that liveness reports it",
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("stream thread failed; replacing it", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}

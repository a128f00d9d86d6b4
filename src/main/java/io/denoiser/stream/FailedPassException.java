package io.denoiser.stream;

/**
 * A forward pass that kept failing with an {@link Error} through every retry. It stops the stream thread,
 * and {@link StreamThreadFailureHandler} then stops the client instead of replacing the thread, which would
 * only restore the same batch and fail on it again.
 */
final class FailedPassException extends RuntimeException {

    FailedPassException(int records, int attempts, Error last) {
        super("forward pass over " + records + " records failed " + attempts + " times with " + last
                + "; giving up rather than retrying for ever", last);
    }
}

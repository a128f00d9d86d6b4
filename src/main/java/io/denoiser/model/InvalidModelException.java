package io.denoiser.model;

/** A model record that must not be loaded: malformed, inconsistent or unknown. */
public final class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

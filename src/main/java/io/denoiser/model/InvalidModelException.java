package io.denoiser.model;

/** A model record or file that must not be loaded; {@link #reason()} is a stable code for metrics. */
public final class InvalidModelException extends RuntimeException {

    /** Why a record was refused. */
    public enum Reason {
        MALFORMED, UNSIGNED, UNKNOWN_KEY, BAD_SIGNATURE,
        /** Verified, but its network could not be built or warmed up. */
        UNLOADABLE,
        /** Verified, but under the models topic key of another model or release. */
        KEY_MISMATCH,
        /** Takes records of another input shape than the version in use, and its pipelines refuse that. */
        SHAPE_CHANGED
    }

    private final Reason reason;

    public InvalidModelException(String message) {
        this(Reason.MALFORMED, message);
    }

    public InvalidModelException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.MALFORMED;
    }

    public Reason reason() {
        return reason;
    }
}

package io.denoiser.codec;

/** An input record that cannot be denoised; {@link #reason()} goes into the dead-letter headers. */
public final class InvalidRecordException extends RuntimeException {

    /** Why a record was refused, as a stable machine-readable code. */
    public enum Reason {
        UNPARSABLE, UNKNOWN_FORMAT, WRONG_SHAPE, WRONG_DTYPE, NON_FINITE, OVERSIZE,
        /** Checked against a version of the model whose input shape a newer version in use no longer takes. */
        SHAPE_CHANGED,
        /** Denoised, but its denoised record or latent vector would exceed the output byte limit. */
        OUTPUT_OVERSIZE
    }

    private final Reason reason;

    public InvalidRecordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

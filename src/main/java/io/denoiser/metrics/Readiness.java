package io.denoiser.metrics;

/**
 * What {@code /health/ready} or {@code /health/live} answers: 200 and {@code UP}, or 503 and {@code DOWN} with
 * the reason, so an operator reading the probe sees what the service waits for or why it is restarted.
 */
public record Readiness(boolean ready, String reason) {

    public static final Readiness UP = new Readiness(true, "");

    public static Readiness down(String reason) {
        return new Readiness(false, reason);
    }

    /** The response body. */
    public String body() {
        return ready ? "UP\n" : "DOWN: " + reason + "\n";
    }
}

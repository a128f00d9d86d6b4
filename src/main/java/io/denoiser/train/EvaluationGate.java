package io.denoiser.train;

import java.util.Locale;

/**
 * Champion / challenger: a newly trained candidate is published only if its held-out PSNR beats the
 * version in use by at least {@code marginDb}, both measured on the same fixed held-out inputs.
 */
public record EvaluationGate(double marginDb) {

    public static final double DEFAULT_MARGIN_DB = 0.1;

    /** Whether to publish, and the comparison in one line for the log. */
    public record Verdict(boolean publish, String comparison) {
    }

    public EvaluationGate {
        if (!Double.isFinite(marginDb)) {
            throw new IllegalArgumentException("gate margin must be finite, got " + marginDb);
        }
    }

    public Verdict judge(double championDb, double candidateDb) {
        boolean better = candidateDb >= championDb + marginDb;
        String comparison = String.format(Locale.ROOT, "candidate %.2f dB vs champion %.2f dB (margin %.2f dB): %s",
                candidateDb, championDb, marginDb, better ? "publish" : "keep the champion");
        return new Verdict(better, comparison);
    }
}

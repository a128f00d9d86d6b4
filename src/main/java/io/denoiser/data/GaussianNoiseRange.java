package io.denoiser.data;

import java.util.Random;

/**
 * Gaussian noise of a level drawn anew for every record from {@code [minLevel, maxLevel]}, then clipped to
 * [0, 1]: a model trained on it serves noise of levels it is not told. The level is
 * {@code minLevel + (maxLevel - minLevel) * u^exponent} for a uniform {@code u}: exponent 1 draws levels
 * uniformly, a larger one draws low levels more often, where a blind denoiser otherwise learns to smooth
 * away fine texture it takes for noise.
 */
public final class GaussianNoiseRange implements Noise {

    private final double minLevel;
    private final double maxLevel;
    private final double exponent;
    private final Random random;

    public GaussianNoiseRange(double minLevel, double maxLevel, long seed) {
        this(minLevel, maxLevel, 1, seed);
    }

    public GaussianNoiseRange(double minLevel, double maxLevel, double exponent, long seed) {
        if (!(minLevel >= 0) || !(maxLevel >= minLevel) || !(exponent > 0)) {
            throw new IllegalArgumentException("noise levels must satisfy 0 <= min <= max and the exponent be > 0, got "
                    + minLevel + ", " + maxLevel + ", " + exponent);
        }
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.exponent = exponent;
        this.random = new Random(seed);
    }

    @Override
    public float[] apply(float[] clean) {
        double level = minLevel + Math.pow(random.nextDouble(), exponent) * (maxLevel - minLevel);
        float[] noisy = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            noisy[i] = (float) Math.min(1.0, Math.max(0.0, clean[i] + level * random.nextGaussian()));
        }
        return noisy;
    }
}

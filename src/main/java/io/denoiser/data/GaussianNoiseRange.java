package io.denoiser.data;

import java.util.Random;

/**
 * Gaussian noise of a level drawn anew for every record, uniformly from {@code [minLevel, maxLevel]}, then
 * clipped to [0, 1]: a model trained on it serves noise of levels it is not told.
 */
public final class GaussianNoiseRange implements Noise {

    private final double minLevel;
    private final double maxLevel;
    private final Random random;

    public GaussianNoiseRange(double minLevel, double maxLevel, long seed) {
        if (!(minLevel >= 0) || !(maxLevel >= minLevel)) {
            throw new IllegalArgumentException("noise levels must satisfy 0 <= min <= max, got " + minLevel + ", " + maxLevel);
        }
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.random = new Random(seed);
    }

    @Override
    public float[] apply(float[] clean) {
        double level = minLevel + random.nextDouble() * (maxLevel - minLevel);
        float[] noisy = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            noisy[i] = (float) Math.min(1.0, Math.max(0.0, clean[i] + level * random.nextGaussian()));
        }
        return noisy;
    }
}

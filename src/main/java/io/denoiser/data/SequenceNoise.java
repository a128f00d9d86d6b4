package io.denoiser.data;

import java.util.Random;

/**
 * Sensor-like corruption of time-major windows, reproducible from its seed. Each sample, independently:
 * <ul>
 *   <li><b>dropped</b> with probability {@code dropProbability} (from the second time step on): the sensor
 *       stalled and repeats its previous <em>reading</em>, as delivered, so consecutive drops form a flat run;</li>
 *   <li>otherwise a <b>spike</b> with probability {@code spikeProbability}: with equal chance the reading is 0
 *       (dead sensor), 1 (saturated) or the clean value plus a jump of {@code ±U[0.3, 0.6]};</li>
 *   <li>otherwise the clean value plus <b>Gaussian</b> noise of standard deviation {@code sigma}.</li>
 * </ul>
 * Every result is clipped to [0, 1]. The defaults (sigma 0.1, spikes 1%, drops 2%) put the Gaussian noise well
 * above the fine detail of data scaled into [0.1, 0.9] while leaving its shape visible, and give a 64 x 8
 * window about 5 spikes and 10 stalled samples: enough for a denoiser to have to learn all three.
 */
public final class SequenceNoise {

    public static final double DEFAULT_SIGMA = 0.1;
    public static final double DEFAULT_SPIKE_PROBABILITY = 0.01;
    public static final double DEFAULT_DROP_PROBABILITY = 0.02;
    private static final double SMALLEST_JUMP = 0.3;
    private static final double LARGEST_JUMP = 0.6;

    private final double sigma;
    private final double spikeProbability;
    private final double dropProbability;
    private final Random random;

    public SequenceNoise(double sigma, double spikeProbability, double dropProbability, long seed) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.spikeProbability = requireProbability(spikeProbability, "spike");
        this.dropProbability = requireProbability(dropProbability, "drop");
        this.random = new Random(seed);
    }

    /** Noise with the documented defaults. */
    public static SequenceNoise defaults(long seed) {
        return new SequenceNoise(DEFAULT_SIGMA, DEFAULT_SPIKE_PROBABILITY, DEFAULT_DROP_PROBABILITY, seed);
    }

    /** A noisy copy of a window of {@code features} per time step; successive calls continue one random sequence. */
    public float[] apply(float[] window, int features) {
        if (features < 1 || window.length % features != 0) {
            throw new IllegalArgumentException("window of " + window.length + " values is not whole time steps of "
                    + features + " features");
        }
        float[] noisy = new float[window.length];
        for (int i = 0; i < window.length; i++) {
            boolean stalled = i >= features && random.nextDouble() < dropProbability;
            noisy[i] = stalled ? noisy[i - features] : corrupt(window[i]);
        }
        return noisy;
    }

    /** Noisy copies of every window of {@code data}, in order. */
    public float[][] applyAll(SequenceDataset data) {
        float[][] noisy = new float[data.size()][];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = apply(data.window(i), data.features());
        }
        return noisy;
    }

    private float corrupt(float clean) {
        double value;
        if (random.nextDouble() < spikeProbability) {
            value = spike(clean);
        } else {
            value = clean + sigma * random.nextGaussian();
        }
        return (float) Math.min(1.0, Math.max(0.0, value));
    }

    private double spike(float clean) {
        return switch (random.nextInt(3)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            default -> {
                double jump = SMALLEST_JUMP + (LARGEST_JUMP - SMALLEST_JUMP) * random.nextDouble();
                yield random.nextBoolean() ? clean + jump : clean - jump;
            }
        };
    }

    private static double requireProbability(double probability, String what) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(what + " probability must be in [0, 1], got " + probability);
        }
        return probability;
    }
}

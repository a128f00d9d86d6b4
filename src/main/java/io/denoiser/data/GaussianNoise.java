package io.denoiser.data;

import java.util.Random;

/** The seed's noise model, {@code clip(x + level * N(0,1), 0, 1)}, reproducible from its seed. */
public final class GaussianNoise implements Noise {

    public static final double DEFAULT_LEVEL = 0.5;

    private final double level;
    private final Random random;

    public GaussianNoise(double level, long seed) {
        if (!(level >= 0)) {
            throw new IllegalArgumentException("noise level must be >= 0, got " + level);
        }
        this.level = level;
        this.random = new Random(seed);
    }

    /** A noisy copy of {@code clean}; successive calls continue the same random sequence. */
    @Override
    public float[] apply(float[] clean) {
        float[] noisy = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            double value = clean[i] + level * random.nextGaussian();
            noisy[i] = (float) Math.min(1.0, Math.max(0.0, value));
        }
        return noisy;
    }

    /** Noisy copies of every image of {@code data}, in order. */
    public float[][] applyAll(MnistDataset data) {
        float[][] noisy = new float[data.size()][];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = apply(data.image(i));
        }
        return noisy;
    }
}

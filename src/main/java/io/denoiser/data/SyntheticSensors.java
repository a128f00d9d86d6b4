package io.denoiser.data;

import java.util.SplittableRandom;

/**
 * Seeded multivariate sensor windows with the structure a sequence denoiser must learn: periodic signals,
 * slow drift, sudden level changes and features that move together. No noise is added here; see
 * {@link SequenceNoise}.
 *
 * <p>Each window is generated independently (its own random stream split from the seed, so window {@code i}
 * is the same whatever {@code count} is) as follows, with {@code U[a, b]} uniform and {@code ±} a fair sign:
 * <ol>
 *   <li><b>Latent drivers.</b> {@code K = max(1, F / 4)} drivers, each a drifting sinusoid (below) of amplitude
 *       1 and initial period {@code U[16, 64]} samples. Feature {@code f} is driven by driver {@code f mod K}
 *       with loading {@code ±U[0.6, 1.2]}, so features sharing a driver are correlated, positively or not.</li>
 *   <li><b>Own components.</b> Each feature adds 0, 1 or 2 (equally likely) drifting sinusoids of amplitude
 *       {@code U[0.2, 0.6]} and initial period {@code U[6, 32]} samples: 1 to 3 sinusoids in all.</li>
 *   <li><b>Drift.</b> A drifting sinusoid is {@code a sin(phi_t)}: {@code phi_0 ~ U[0, 2 pi)},
 *       {@code phi_t+1 = phi_t + 2 pi nu_t + 0.02 z}, {@code nu_t+1 = nu_t (1 + 0.01 z')} kept within
 *       {@code [nu_0 / 1.5, 1.5 nu_0]}, with {@code z, z'} standard normal and {@code nu_0 = 1 / period}. Periods
 *       stay at 4 samples or more, so nothing aliases.</li>
 *   <li><b>Level step.</b> With probability 0.3 a feature jumps by {@code ±U[0.5, 1.5]} at a uniform time step
 *       after the first and stays there.</li>
 *   <li><b>Ramp.</b> With probability 0.3 a feature moves linearly by {@code ±U[0.5, 1.5]} from a uniform start
 *       over {@code ceil(T/8)} to {@code ceil(T/2)} steps and stays at the new level.</li>
 *   <li><b>Scaling.</b> Each feature of the window is min-max scaled into [0.1, 0.9] (a constant one to 0.5),
 *       leaving headroom inside [0, 1] for noise and spikes to be seen rather than clipped.</li>
 * </ol>
 */
public final class SyntheticSensors {

    public static final int DEFAULT_STEPS = 64;
    public static final int DEFAULT_FEATURES = 8;
    private static final double LOW = 0.1;
    private static final double HIGH = 0.9;
    private static final double EVENT_PROBABILITY = 0.3;

    private SyntheticSensors() {
    }

    /** {@code count} windows of {@value #DEFAULT_STEPS} steps by {@value #DEFAULT_FEATURES} features. */
    public static SequenceDataset generate(int count, long seed) {
        return generate(count, DEFAULT_STEPS, DEFAULT_FEATURES, seed);
    }

    /** {@code count} windows of {@code steps} x {@code features}, without labels or normalization. */
    public static SequenceDataset generate(int count, int steps, int features, long seed) {
        SequenceDataset.requireSize(count, steps, features);
        SplittableRandom root = new SplittableRandom(seed);
        float[][] windows = new float[count][];
        for (int i = 0; i < count; i++) {
            windows[i] = window(root.split(), steps, features);
        }
        return SequenceDataset.adopt(steps, features, windows, null, null);
    }

    private static float[] window(SplittableRandom random, int steps, int features) {
        double[][] drivers = new double[Math.max(1, features / 4)][];
        for (int k = 0; k < drivers.length; k++) {
            drivers[k] = driftingSinusoid(random, steps, uniform(random, 16, 64), 1.0);
        }
        float[] window = new float[steps * features];
        for (int f = 0; f < features; f++) {
            scaleInto(window, f, features, feature(random, steps, drivers[f % drivers.length]));
        }
        return window;
    }

    private static double[] feature(SplittableRandom random, int steps, double[] driver) {
        double loading = signed(random, 0.6, 1.2);
        double[] series = new double[steps];
        for (int t = 0; t < steps; t++) {
            series[t] = loading * driver[t];
        }
        int own = random.nextInt(3);
        for (int m = 0; m < own; m++) {
            double[] component = driftingSinusoid(random, steps, uniform(random, 6, 32), uniform(random, 0.2, 0.6));
            for (int t = 0; t < steps; t++) {
                series[t] += component[t];
            }
        }
        if (random.nextDouble() < EVENT_PROBABILITY) {
            addLevelStep(random, series);
        }
        if (random.nextDouble() < EVENT_PROBABILITY) {
            addRamp(random, series);
        }
        return series;
    }

    private static double[] driftingSinusoid(SplittableRandom random, int steps, double period, double amplitude) {
        double initialFrequency = 1.0 / period;
        double frequency = initialFrequency;
        double phase = uniform(random, 0, 2 * Math.PI);
        double[] values = new double[steps];
        for (int t = 0; t < steps; t++) {
            values[t] = amplitude * Math.sin(phase);
            phase += 2 * Math.PI * frequency + 0.02 * random.nextGaussian();
            frequency *= 1 + 0.01 * random.nextGaussian();
            frequency = Math.max(initialFrequency / 1.5, Math.min(1.5 * initialFrequency, frequency));
        }
        return values;
    }

    private static void addLevelStep(SplittableRandom random, double[] series) {
        int at = 1 + random.nextInt(Math.max(1, series.length - 1));
        double jump = signed(random, 0.5, 1.5);
        for (int t = at; t < series.length; t++) {
            series[t] += jump;
        }
    }

    private static void addRamp(SplittableRandom random, double[] series) {
        int shortest = (series.length + 7) / 8;
        int longest = (series.length + 1) / 2;
        int start = random.nextInt(series.length);
        int duration = shortest + random.nextInt(longest - shortest + 1);
        double change = signed(random, 0.5, 1.5);
        for (int t = start; t < series.length; t++) {
            series[t] += change * Math.min(1.0, (t - start + 1) / (double) duration);
        }
    }

    private static void scaleInto(float[] window, int feature, int features, double[] series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : series) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double range = max - min;
        for (int t = 0; t < series.length; t++) {
            double unit = range == 0 ? 0.5 : (series[t] - min) / range;
            window[t * features + feature] = (float) (LOW + (HIGH - LOW) * unit);
        }
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static double signed(SplittableRandom random, double low, double high) {
        return random.nextBoolean() ? uniform(random, low, high) : -uniform(random, low, high);
    }
}

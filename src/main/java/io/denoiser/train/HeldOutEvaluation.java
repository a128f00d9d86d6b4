package io.denoiser.train;

import io.denoiser.data.Noise;
import io.denoiser.model.DenoisingModel;
import io.denoiser.quality.ImageQuality;
import java.util.Arrays;

/**
 * Mean PSNR of a model on a fixed held-out set: the clean records, noised once with a fixed seed so every
 * model is judged on the very same inputs.
 */
public final class HeldOutEvaluation {

    /** Noise seed of the held-out inputs, fixed so every model, trained or evaluated, is judged on the same ones. */
    public static final long NOISE_SEED = 1234;
    private static final int BATCH = 128;

    private final float[][] clean;
    private final float[][] noisy;
    private final int[] recordShape;

    /**
     * @param noise       a freshly seeded noise model, applied once to every clean record in order
     * @param recordShape the shape of every record
     */
    public HeldOutEvaluation(float[][] clean, Noise noise, int[] recordShape) {
        this.clean = clean;
        this.noisy = Arrays.stream(clean).map(noise::apply).toArray(float[][]::new);
        this.recordShape = recordShape.clone();
    }

    public double noisyPsnrDb() {
        return ImageQuality.meanPsnr(clean, noisy);
    }

    public double modelPsnrDb(DenoisingModel model) {
        return ImageQuality.meanPsnr(clean, denoise(model));
    }

    public float[][] denoise(DenoisingModel model) {
        return model.reconstructAll(noisy, recordShape, BATCH).outputs();
    }

    public float[][] noisy() {
        return noisy;
    }

    public float[][] clean() {
        return clean;
    }
}

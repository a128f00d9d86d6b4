package io.denoiser.train;

/**
 * How to train: the seed's recipe is batch 128, Adam 1e-3 (in the architecture) and noise level 0.5.
 *
 * @param epochs     most passes over the training data
 * @param batchSize  records per gradient step
 * @param noiseLevel standard deviation of the Gaussian noise added to clean records
 * @param seed       seeds weight initialisation, shuffling and noise, so a run can be reproduced
 * @param patience   stop after this many epochs without a better held-out PSNR (0 = never stop early);
 *                   the best epoch's parameters are kept
 */
public record TrainingSettings(int epochs, int batchSize, double noiseLevel, long seed, int patience) {

    public static final int DEFAULT_EPOCHS = 20;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final double DEFAULT_NOISE_LEVEL = 0.5;
    public static final long DEFAULT_SEED = 42;
    /** Never stop early. */
    public static final int DEFAULT_PATIENCE = 0;

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || noiseLevel < 0 || patience < 0) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, noise level and patience >= 0");
        }
    }

    public static TrainingSettings seedRecipe(int epochs, long seed) {
        return new TrainingSettings(epochs, DEFAULT_BATCH_SIZE, DEFAULT_NOISE_LEVEL, seed, DEFAULT_PATIENCE);
    }
}

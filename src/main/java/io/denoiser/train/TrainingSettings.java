package io.denoiser.train;

/**
 * How to train: the seed's recipe is batch 128, Adam 1e-3 (in the architecture) and noise level 0.5.
 *
 * @param epochs     passes over the training images
 * @param batchSize  images per gradient step
 * @param noiseLevel standard deviation of the Gaussian noise added to clean images
 * @param seed       seeds weight initialisation, shuffling and noise, so a run can be reproduced
 */
public record TrainingSettings(int epochs, int batchSize, double noiseLevel, long seed) {

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || noiseLevel < 0) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, noise level >= 0");
        }
    }

    public static TrainingSettings seedRecipe(int epochs, long seed) {
        return new TrainingSettings(epochs, 128, 0.5, seed);
    }
}

package io.denoiser.train;

import java.util.List;

/**
 * What a training run went through, epoch by epoch, and the parameters of its best epoch.
 *
 * @param losses     mean training loss per epoch
 * @param psnrsDb    held-out PSNR per epoch
 * @param bestEpoch  1-based epoch with the best held-out PSNR, whose parameters are {@code parameters}
 */
public record TrainingHistory(List<Double> losses, List<Double> psnrsDb, int bestEpoch, float[] parameters) {

    public double bestPsnrDb() {
        return psnrsDb.get(bestEpoch - 1);
    }

    public int epochsRun() {
        return losses.size();
    }
}

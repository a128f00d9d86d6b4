package io.denoiser.train;

/** Receives progress while a model trains; implementations show or log it. */
public interface TrainingProgress {

    /** Called after every gradient step. */
    default void batchFinished(int epoch, int batch, int batches, double loss) {
    }

    /** Called after every epoch with the mean training loss and the held-out PSNR. */
    void epochFinished(int epoch, int epochs, double loss, double heldOutPsnrDb, double seconds);
}

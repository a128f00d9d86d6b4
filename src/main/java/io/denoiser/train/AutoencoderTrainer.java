package io.denoiser.train;

import io.denoiser.data.GaussianNoise;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelShape;
import java.util.Random;
import io.denoiser.model.TrainingNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an autoencoder as a denoiser: noisy images in, clean images as targets. Every epoch draws fresh
 * noise and a fresh order from the seed, so the same settings give the same model.
 */
public final class AutoencoderTrainer {

    private final TrainingSettings settings;
    private final TrainingProgress progress;

    public AutoencoderTrainer(TrainingSettings settings, TrainingProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Trains {@code network} in place; returns the mean loss of the last epoch. */
    public double train(TrainingNetwork network, Architecture architecture, ModelShape shape, float[][] cleanImages) {
        if (cleanImages.length == 0) {
            throw new IllegalArgumentException("no training images");
        }
        GaussianNoise noise = new GaussianNoise(settings.noiseLevel(), settings.seed());
        Random order = new Random(settings.seed());
        long started = System.nanoTime();
        double loss = Double.NaN;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            loss = trainEpoch(architecture, shape, network, cleanImages, noise, shuffled(cleanImages.length, order));
            double elapsed = (System.nanoTime() - started) / 1e9;
            progress.epochFinished(epoch, settings.epochs(), loss, (System.nanoTime() - epochStart) / 1e9,
                    elapsed / epoch * (settings.epochs() - epoch));
        }
        return loss;
    }

    private double trainEpoch(Architecture architecture, ModelShape shape, TrainingNetwork network, float[][] clean,
                              GaussianNoise noise, int[] order) {
        int size = shape.inputSize();
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += settings.batchSize()) {
            int count = Math.min(settings.batchSize(), order.length - start);
            float[] features = new float[count * size];
            float[] labels = new float[count * size];
            for (int i = 0; i < count; i++) {
                float[] image = clean[order[start + i]];
                System.arraycopy(noise.apply(image), 0, features, i * size, size);
                System.arraycopy(image, 0, labels, i * size, size);
            }
            INDArray x = architecture.trainingBatch(features, count, shape);
            INDArray y = architecture.trainingBatch(labels, count, shape);
            network.fit(x, y);
            lossSum += network.score();
            batches++;
        }
        return lossSum / batches;
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}

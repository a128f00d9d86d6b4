package io.denoiser.train;

import io.denoiser.data.Noise;
import io.denoiser.model.Architecture;
import io.denoiser.model.ModelShape;
import io.denoiser.model.TrainingNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

/**
 * Trains an autoencoder as a denoiser: noisy records in, clean records as targets. Every epoch draws fresh
 * noise and a fresh order from the seed, so the same settings give the same model; after each epoch the
 * held-out PSNR decides the best epoch and, with a patience, when to stop.
 */
public final class AutoencoderTrainer {

    private final TrainingSettings settings;
    private final TrainingProgress progress;

    public AutoencoderTrainer(TrainingSettings settings, TrainingProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @param noiseModel  builds the seeded noise model that corrupts the clean records
     * @param heldOutPsnr scores a parameter array on the held-out set, in dB
     */
    public TrainingHistory train(TrainingNetwork network, Architecture architecture, ModelShape shape,
                                 float[][] cleanRecords, LongFunction<Noise> noiseModel,
                                 ToDoubleFunction<float[]> heldOutPsnr) {
        if (cleanRecords.length == 0) {
            throw new IllegalArgumentException("no training records");
        }
        Noise noise = noiseModel.apply(settings.seed());
        Random order = new Random(settings.seed());
        List<Double> losses = new ArrayList<>();
        List<Double> psnrs = new ArrayList<>();
        float[] best = network.parameters();
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long start = System.nanoTime();
            losses.add(trainEpoch(epoch, architecture, shape, network, cleanRecords, noise,
                    shuffled(cleanRecords.length, order)));
            network.nextEpoch();
            float[] parameters = network.parameters();
            psnrs.add(heldOutPsnr.applyAsDouble(parameters));
            if (bestEpoch == 0 || psnrs.get(epoch - 1) > psnrs.get(bestEpoch - 1)) {
                best = parameters;
                bestEpoch = epoch;
            }
            progress.epochFinished(epoch, settings.epochs(), losses.get(epoch - 1), psnrs.get(epoch - 1),
                    (System.nanoTime() - start) / 1e9);
            if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
                break;
            }
        }
        return new TrainingHistory(losses, psnrs, bestEpoch, best);
    }

    private double trainEpoch(int epoch, Architecture architecture, ModelShape shape, TrainingNetwork network,
                              float[][] clean, Noise noise, int[] order) {
        int size = shape.inputSize();
        int batches = (order.length + settings.batchSize() - 1) / settings.batchSize();
        double lossSum = 0;
        for (int batch = 0; batch < batches; batch++) {
            int start = batch * settings.batchSize();
            int count = Math.min(settings.batchSize(), order.length - start);
            float[] features = new float[count * size];
            float[] labels = new float[count * size];
            for (int i = 0; i < count; i++) {
                float[] record = clean[order[start + i]];
                System.arraycopy(noise.apply(record), 0, features, i * size, size);
                System.arraycopy(record, 0, labels, i * size, size);
            }
            network.fit(architecture.trainingInputs(features, count, shape), architecture.trainingBatch(labels, count, shape));
            lossSum += network.score();
            progress.batchFinished(epoch, batch + 1, batches, lossSum / (batch + 1));
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

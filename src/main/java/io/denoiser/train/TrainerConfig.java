package io.denoiser.train;

import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import io.denoiser.embedding.EmbeddingSettings;
import io.denoiser.model.Architecture;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Settings of the continuous trainer.
 *
 * @param kafka           cluster address and pass-through client settings
 * @param topics          topic names: clean images or sequences are read, model records are written
 * @param modelName       name (record key) of the model it trains
 * @param architecture    design used when no earlier version exists
 * @param data            the held-out set every candidate and champion is judged on, the noise model, the
 *                        record shape (images read the clean-image topic, sequences the clean-sequence
 *                        topic) and the bundled training records
 * @param interval        longest time between training rounds
 * @param retrainAfter    start a round early once this many new clean samples arrived (0 = interval only)
 * @param settings        epochs per round, batch, noise, seed
 * @param windowSize      most recent clean samples kept for training (a sliding window: at 784 floats an
 *                        image, 60,000 images take ~190 MB of heap)
 * @param windowElements  most values (floats) the window keeps over all its samples, which bounds its memory
 *                        when images of any size arrive for a tiled design
 * @param photos          for a tiled design: the patch size of its training records and how many patches
 *                        each round cuts afresh from the window's images
 * @param useBundledData  also train on the bundled training records of {@code data}
 * @param gate            champion / challenger gate a candidate must pass to be published; empty publishes
 *                        every round (the demo, which exists to show a hot swap)
 * @param signingKey      Ed25519 key pair that signs every published version; empty publishes unsigned
 *                        records, which denoisers refuse unless told to accept them
 * @param embedding       how each version's latent embedding is fitted (its dimensions among them)
 */
public record TrainerConfig(KafkaConnection kafka, TopicNames topics, String modelName, Architecture architecture,
                            TrainingData data, Duration interval, int retrainAfter, TrainingSettings settings,
                            int windowSize, long windowElements, PhotoSettings photos, boolean useBundledData,
                            Optional<EvaluationGate> gate, Optional<KeyPair> signingKey, EmbeddingSettings embedding) {

    /** 64 Mi floats, 256 MB of heap: room for the default 60,000 digits (47 M values) or ~250 photos of 512x512. */
    public static final long DEFAULT_WINDOW_ELEMENTS = 1L << 26;
    /** The digits of the MNIST training split, ~190 MB of heap. */
    public static final int DEFAULT_WINDOW_SIZE = 60_000;
    /** By interval only. */
    public static final int DEFAULT_RETRAIN_AFTER = 0;

    public TrainerConfig {
        if (retrainAfter < 0 || windowSize < 1 || windowElements < 1) {
            throw new IllegalArgumentException("retrain-after must be >= 0 and the window >= 1 sample of >= 1 value");
        }
        int[] patch = {1, photos.patchSize(), photos.patchSize()};
        if (architecture.tiling().isPresent() && !Arrays.equals(data.recordShape(), patch)) {
            throw new IllegalArgumentException(architecture.id() + " trains on " + Arrays.toString(patch)
                    + " patches, but the data set's records are " + Arrays.toString(data.recordShape()));
        }
    }

    /** Images (channel, height, width) come from the clean-image topic; sequences (steps, features) from the clean-sequence topic. */
    public String cleanTopic() {
        return data.recordShape().length == 2 ? topics.cleanSequences() : topics.cleanImages();
    }
}

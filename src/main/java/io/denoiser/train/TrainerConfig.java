package io.denoiser.train;

import io.denoiser.config.KafkaConnection;
import io.denoiser.config.TopicNames;
import io.denoiser.model.Architecture;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the continuous trainer.
 *
 * @param kafka           cluster address and pass-through client settings
 * @param topics          topic names: clean images are read, model records are written
 * @param modelName       name (record key) of the model it trains
 * @param architecture    design used when no earlier version exists
 * @param interval        time between training rounds
 * @param settings        epochs per round, batch, noise, seed
 * @param windowSize      most recent clean images kept for training (a sliding window: at 784 floats an
 *                        image, 60,000 images take ~190 MB of heap)
 * @param useBundledData  also train on the bundled MNIST training split
 * @param gate            champion / challenger gate a candidate must pass to be published; empty publishes
 *                        every round (the demo, which exists to show a hot swap)
 * @param signingKey      Ed25519 key pair that signs every published version; empty publishes unsigned
 *                        records, which denoisers refuse unless told to accept them
 */
public record TrainerConfig(KafkaConnection kafka, TopicNames topics, String modelName, Architecture architecture,
                            Duration interval, TrainingSettings settings, int windowSize, boolean useBundledData,
                            Optional<EvaluationGate> gate, Optional<KeyPair> signingKey) {
}

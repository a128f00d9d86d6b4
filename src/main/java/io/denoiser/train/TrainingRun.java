package io.denoiser.train;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.TrainingNetwork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One round of training that ends in a model record: start from a parent (warm start) or from scratch,
 * train, evaluate on the held-out set, and describe it all in the metadata.
 */
public final class TrainingRun {

    private final TrainingSettings settings;
    private final HeldOutEvaluation heldOut;
    private final TrainingProgress progress;

    public TrainingRun(TrainingSettings settings, HeldOutEvaluation heldOut, TrainingProgress progress) {
        this.settings = settings;
        this.heldOut = heldOut;
        this.progress = progress;
    }

    /**
     * @param name        model name
     * @param version     version to give the result
     * @param parent      model to continue training from, or empty to start from random weights
     * @param shape       input and latent shape (a window size for sequences)
     * @param data        clean training records, their noise model and description
     */
    public ModelRecord train(String name, Architecture architecture, ModelShape shape, long version,
                             Optional<ModelRecord> parent, TrainingData data) {
        return train(name, architecture, shape, version, parent, data, 0);
    }

    /**
     * Epochs of learning-rate schedule behind a model: those it ran plus those its own parent had run when it
     * was fine-tuned, so a fine-tune of a fine-tune resumes where the whole chain ended.
     */
    public static int epochsTrained(ModelMetadata metadata) {
        Map<String, Object> training = metadata.training() == null ? Map.of() : metadata.training();
        return count(training.get("schedule_from_epoch")) + count(training.get("epochs_run"));
    }

    private static int count(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    /**
     * As {@link #train(String, Architecture, ModelShape, long, Optional, TrainingData)}, with the learning-rate
     * schedule taken up after {@code epochsDone} epochs, as when fine-tuning a model where its training ended.
     */
    public ModelRecord train(String name, Architecture architecture, ModelShape shape, long version,
                             Optional<ModelRecord> parent, TrainingData data, int epochsDone) {
        TrainingNetwork network = architecture.newNetwork(settings.seed(), shape);
        parent.ifPresent(p -> network.setParameters(p.parameters()));
        for (int epoch = 0; epoch < epochsDone; epoch++) {
            network.nextEpoch();
        }
        ModelMetadata draft = new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                architecture.parameterCount(shape), Map.of(), Map.of(), null, null);
        // A tiled image design trains on patches of the data's own size; its model shape is one inference tile.
        ModelShape records = architecture.tiling().isPresent() ? new ModelShape(data.recordShape(), shape.latent()) : shape;
        TrainingHistory history = new AutoencoderTrainer(settings, progress).train(network, architecture, records,
                data.training(), data.noise(),
                parameters -> heldOut.modelPsnrDb(DenoisingModel.load(new ModelRecord(draft, parameters))));
        Map<String, Object> training = new LinkedHashMap<>(data.description());
        training.put("samples", data.training().length);
        training.put("epochs", settings.epochs());
        training.put("epochs_run", history.epochsRun());
        training.put("best_epoch", history.bestEpoch());
        training.put("patience", settings.patience());
        training.put("batch_size", settings.batchSize());
        training.put("seed", settings.seed());
        training.put("loss_history", history.losses());
        training.put("psnr_history_db", history.psnrsDb());
        parent.ifPresent(p -> training.put("parent_version", p.version()));
        if (epochsDone > 0) {
            training.put("schedule_from_epoch", epochsDone);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", history.losses().get(history.bestEpoch() - 1));
        metrics.put("psnr_db", history.bestPsnrDb());
        metrics.put("psnr_noisy_db", heldOut.noisyPsnrDb());
        ModelMetadata metadata = new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                architecture.parameterCount(shape), training, metrics, Instant.now().toString(), null);
        float[] parameters = history.parameters();
        return new ModelRecord(metadata, parameters);
    }
}

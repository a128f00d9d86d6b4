package io.denoiser.train;

import io.denoiser.model.Architecture;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.TrainingNetwork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param name        model name (record key)
     * @param version     version to give the result
     * @param parent      model to continue training from, or empty to start from random weights
     * @param images      clean training images
     * @param shape       input and latent shape (a window size for sequences)
     * @param dataset     human-readable description of {@code images}
     */
    public ModelRecord train(String name, Architecture architecture, ModelShape shape, long version,
                             Optional<ModelRecord> parent, float[][] images, String dataset) {
        TrainingNetwork network = architecture.newNetwork(settings.seed(), shape);
        parent.ifPresent(p -> network.setParameters(p.parameters()));
        ModelMetadata draft = new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                architecture.parameterCount(shape), Map.of(), Map.of(), null);
        TrainingHistory history = new AutoencoderTrainer(settings, progress).train(network, architecture, shape, images,
                parameters -> heldOut.modelPsnrDb(DenoisingModel.load(new ModelRecord(draft, parameters))));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("dataset", dataset);
        training.put("samples", images.length);
        training.put("noise", Map.of("kind", "gaussian", "level", settings.noiseLevel(), "clip", List.of(0, 1)));
        training.put("epochs", settings.epochs());
        training.put("epochs_run", history.epochsRun());
        training.put("best_epoch", history.bestEpoch());
        training.put("patience", settings.patience());
        training.put("batch_size", settings.batchSize());
        training.put("seed", settings.seed());
        training.put("loss_history", history.losses());
        training.put("psnr_history_db", history.psnrsDb());
        parent.ifPresent(p -> training.put("parent_version", p.version()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", history.losses().get(history.bestEpoch() - 1));
        metrics.put("psnr_db", history.bestPsnrDb());
        metrics.put("psnr_noisy_db", heldOut.noisyPsnrDb());
        ModelMetadata metadata = new ModelMetadata(name, version, architecture.id(), shape.input(), shape.latent(),
                architecture.parameterCount(shape), training, metrics, Instant.now().toString());
        float[] parameters = history.parameters();
        return new ModelRecord(metadata, parameters);
    }
}

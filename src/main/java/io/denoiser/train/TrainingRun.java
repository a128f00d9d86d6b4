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
        double loss = new AutoencoderTrainer(settings, progress).train(network, architecture, shape, images);
        float[] parameters = network.parameters();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("dataset", dataset);
        training.put("samples", images.length);
        training.put("noise_level", settings.noiseLevel());
        training.put("epochs", settings.epochs());
        training.put("batch_size", settings.batchSize());
        training.put("seed", settings.seed());
        parent.ifPresent(p -> training.put("parent_version", p.version()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        ModelMetadata metadata = new ModelMetadata(name, version, architecture.id(), shape.input(),
                shape.latent(), architecture.parameterCount(shape), training, metrics,
                Instant.now().toString());
        metrics.put("psnr_db", heldOut.modelPsnrDb(DenoisingModel.load(new ModelRecord(metadata, parameters))));
        metrics.put("psnr_noisy_db", heldOut.noisyPsnrDb());
        return new ModelRecord(metadata, parameters);
    }
}

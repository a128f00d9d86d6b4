package io.denoiser.evaluate;

import io.denoiser.data.Noise;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.LatentChoice;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelShape;
import io.denoiser.model.Reconstruction;
import io.denoiser.quality.MedianFilter;
import io.denoiser.quality.MovingMedian;
import io.denoiser.quality.QualityTable;
import io.denoiser.quality.SetQuality;
import io.denoiser.train.TrainingData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model scored on a data set's held-out records: noised once with a fixed seed, then denoised by the
 * classical median baseline (3x3 for images, a moving median per feature for sequences) and by the model.
 */
public final class ModelEvaluation {

    private static final int BATCH = 128;

    /** Everything evaluated, kept for the table, the report and the pictures. */
    public record Outcome(ModelMetadata model, TrainingData data, boolean images, float[][] noisy, float[][] denoised,
                          float[][] latents, QualityTable table) {

        public EvaluationReport report() {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", model().name());
            model.put("version", model().version());
            model.put("architecture", model().architecture());
            SetQuality scores = table.overall().model();
            model.put("mse", scores.mse());
            model.put("psnr_db", scores.psnrDb());
            if (scores.ssim() != null) {
                model.put("ssim", scores.ssim());
            }
            return new EvaluationReport(data.name(), table.overall().n(), table.overall().noisy(),
                    table.overall().median(), model, table.perClass(), search().orElse(null));
        }

        /** How well the latent vectors find records of the same class, beside the noisy inputs themselves. */
        public Optional<SearchScores> search() {
            if (data.heldOutLabels() == null || latents == null || latents.length < 2) {
                return Optional.empty();
            }
            int[] labels = data.heldOutLabels();
            return Optional.of(new SearchScores(latents[0].length, NeighbourScores.nearestNeighbourAccuracy(latents, labels),
                    NeighbourScores.nearestNeighbourAccuracy(noisy, labels)));
        }
    }

    private ModelEvaluation() {
    }

    public static Outcome run(ModelRecord record, TrainingData data, long noiseSeed) {
        try (DenoisingModel model = DenoisingModel.load(record)) {
            try {
                model.checkInput(data.recordShape());
            } catch (InvalidModelException e) {
                throw new IllegalArgumentException("model " + record.name() + " cannot take data set " + data.name()
                        + "'s records: " + e.getMessage(), e);
            }
            return run(model, record, data, noiseSeed);
        }
    }

    private static Outcome run(DenoisingModel model, ModelRecord record, TrainingData data, long noiseSeed) {
        float[][] clean = data.heldOut();
        Noise noise = data.noise().apply(noiseSeed);
        float[][] noisy = Arrays.stream(clean).map(noise::apply).toArray(float[][]::new);
        boolean images = data.recordShape().length == 3;
        int[] dims = ModelShape.squeeze(data.recordShape());
        float[][] median = Arrays.stream(noisy).map(row -> images
                ? MedianFilter.median3x3(row, dims[0], dims[1])
                : MovingMedian.apply(row, dims[0], dims[1])).toArray(float[][]::new);
        Reconstruction result = model.reconstructAll(noisy, BATCH);
        float[][] denoised = result.outputs();
        // the vectors serve publishes by default: the version's embedding when its record has one
        float[][] latents = new float[denoised.length][];
        Arrays.setAll(latents, i -> model.latent(denoised[i], result.latents()[i], LatentChoice.EMBEDDING).vector());
        QualityTable table = images
                ? QualityTable.forImages(clean, noisy, median, denoised, data.heldOutLabels(), dims[0], dims[1])
                : QualityTable.forSequences(clean, noisy, median, denoised, data.heldOutLabels());
        return new Outcome(record.metadata(), data, images, noisy, denoised, latents, table);
    }
}

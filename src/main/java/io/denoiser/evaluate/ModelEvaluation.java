package io.denoiser.evaluate;

import io.denoiser.data.Noise;
import io.denoiser.embedding.PrincipalComponents;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.InvalidModelException;
import io.denoiser.model.Latent;
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
    private static final int HASH_NEIGHBOURS = 10;
    /** Another draw than the held-out records', for the training records the PCA baseline is fitted on. */
    private static final long PCA_NOISE_SEED = 4321;

    /** Everything evaluated, kept for the table, the report and the pictures. */
    public record Outcome(ModelMetadata model, TrainingData data, boolean images, float[][] noisy, float[][] denoised,
                          float[][] latents, long[] hashes, QualityTable table) {

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

        /**
         * How well the latent vectors (and their hashes, for an embedding) find records of the same class,
         * beside what the noisy inputs give: their pixels, and their PCA to as many dimensions as the vectors
         * have, fitted on the data set's training records noised the same way.
         */
        public Optional<SearchScores> search() {
            if (data.heldOutLabels() == null || latents == null || latents.length < 2) {
                return Optional.empty();
            }
            int[] labels = data.heldOutLabels();
            int pcaDimensions = Math.min(latents[0].length, noisy[0].length);
            return Optional.of(new SearchScores(latents[0].length, NeighbourScores.nearestNeighbourAccuracy(latents, labels),
                    hashes == null ? null : NeighbourScores.hammingPrecisionAt(HASH_NEIGHBOURS, hashes, labels),
                    NeighbourScores.nearestNeighbourAccuracy(noisy, labels), pcaDimensions,
                    NeighbourScores.nearestNeighbourAccuracy(noisyPca(pcaDimensions), labels)));
        }

        private float[][] noisyPca(int dimensions) {
            Noise noise = data.noise().apply(PCA_NOISE_SEED);
            float[][] training = Arrays.stream(data.training()).map(noise::apply).toArray(float[][]::new);
            double[][] projected = PrincipalComponents.fit(training, dimensions).project(noisy);
            float[][] vectors = new float[projected.length][dimensions];
            for (int i = 0; i < projected.length; i++) {
                for (int d = 0; d < dimensions; d++) {
                    vectors[i][d] = (float) projected[i][d];
                }
            }
            return vectors;
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
        Latent[] published = new Latent[denoised.length];
        Arrays.setAll(published, i -> model.latent(denoised[i], result.latents()[i], LatentChoice.EMBEDDING));
        float[][] latents = Arrays.stream(published).map(Latent::vector).toArray(float[][]::new);
        long[] hashes = Arrays.stream(published).allMatch(Latent::embedded)
                ? Arrays.stream(published).mapToLong(Latent::hash).toArray() : null;
        QualityTable table = images
                ? QualityTable.forImages(clean, noisy, median, denoised, data.heldOutLabels(), dims[0], dims[1])
                : QualityTable.forSequences(clean, noisy, median, denoised, data.heldOutLabels());
        return new Outcome(record.metadata(), data, images, noisy, denoised, latents, hashes, table);
    }
}

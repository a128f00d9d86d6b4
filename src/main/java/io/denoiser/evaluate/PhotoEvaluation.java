package io.denoiser.evaluate;

import io.denoiser.data.GaussianNoise;
import io.denoiser.data.ImageFiles;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.quality.ImageQuality;
import io.denoiser.quality.MedianFilter;
import io.denoiser.quality.SetQuality;
import io.denoiser.quality.Ssim;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiled image model scored on whole photographs of any size. At each noise level every photo gets
 * Gaussian noise (clipped to [0, 1], from a fixed seed, so every model is judged on the same inputs) and
 * is denoised by the 3x3 median and by the model, the whole photo at once through the same tiled
 * inference the service runs.
 */
public final class PhotoEvaluation {

    /** Everything evaluated: the model, the photo set's name, the seed and one outcome per noise level. */
    public record Outcome(ModelMetadata model, String dataset, long noiseSeed, List<NoiseLevelOutcome> levels) {

        public PhotoEvaluationReport report() {
            return PhotoEvaluationReport.of(this);
        }

        /** Each photo's crop at each level, as {@code dir/sigma-25/<photo name without extension>.png}. */
        public List<Path> writeCrops(Path dir) throws IOException {
            List<Path> files = new ArrayList<>();
            for (NoiseLevelOutcome level : levels) {
                Path folder = dir.resolve("sigma-" + NoiseLevelOutcome.label(level.sigma8bit()));
                for (int i = 0; i < level.photos().size(); i++) {
                    String name = level.photos().get(i).name();
                    Path file = folder.resolve(name.replaceFirst("\\.[^.]*$", "") + ".png");
                    level.crops().get(i).writePng(file);
                    files.add(file);
                }
            }
            return files;
        }
    }

    private PhotoEvaluation() {
    }

    /** @param sigmas8bit noise levels in 8-bit units: {@code 25} adds noise of standard deviation 25/255 */
    public static Outcome run(ModelRecord record, String dataset, List<ImageFiles.Photo> photos, double[] sigmas8bit,
                              long noiseSeed) {
        if (photos.isEmpty() || sigmas8bit.length == 0) {
            throw new IllegalArgumentException("nothing to evaluate: " + photos.size() + " photos, "
                    + sigmas8bit.length + " noise levels");
        }
        for (ImageFiles.Photo photo : photos) {
            if (photo.height() < Ssim.WINDOW || photo.width() < Ssim.WINDOW) {
                throw new IllegalArgumentException(photo.name() + " is " + photo.height() + "x" + photo.width()
                        + ": SSIM needs at least " + Ssim.WINDOW + "x" + Ssim.WINDOW);
            }
        }
        try (DenoisingModel model = DenoisingModel.load(record)) {
            if (model.tiling().isEmpty()) {
                throw new IllegalArgumentException(record.name() + " (" + record.metadata().architecture()
                        + ") takes records of one fixed shape, not photos of any size");
            }
            List<NoiseLevelOutcome> levels = new ArrayList<>();
            for (double sigma : sigmas8bit) {
                levels.add(level(model, photos, sigma, noiseSeed));
            }
            return new Outcome(record.metadata(), dataset, noiseSeed, levels);
        }
    }

    private static NoiseLevelOutcome level(DenoisingModel model, List<ImageFiles.Photo> photos, double sigma8bit,
                                           long noiseSeed) {
        if (!(sigma8bit >= 0)) {
            throw new IllegalArgumentException("noise level must be >= 0, got " + sigma8bit);
        }
        GaussianNoise noise = new GaussianNoise(sigma8bit / 255, noiseSeed);
        List<PhotoScores> scores = new ArrayList<>();
        List<PhotoCrop> crops = new ArrayList<>();
        for (ImageFiles.Photo photo : photos) {
            float[] clean = photo.values();
            float[] noisy = noise.apply(clean);
            float[] median = MedianFilter.median3x3(noisy, photo.height(), photo.width());
            // One photo per call: a folder of large photos never has more than one photo's tiles in memory.
            float[] denoised = model.reconstruct(new float[][] {noisy}, new int[][] {photo.shape()}).outputs()[0];
            scores.add(new PhotoScores(photo.name(), photo.height(), photo.width(), quality(photo, noisy),
                    quality(photo, median), quality(photo, denoised)));
            crops.add(PhotoCrop.centre(photo.height(), photo.width(), clean, noisy, median, denoised));
        }
        return new NoiseLevelOutcome(sigma8bit, scores, crops);
    }

    private static SetQuality quality(ImageFiles.Photo photo, float[] output) {
        return new SetQuality(ImageQuality.mse(photo.values(), output), ImageQuality.psnr(photo.values(), output),
                Ssim.ssim(photo.values(), output, photo.height(), photo.width()));
    }
}

package io.denoiser.evaluate;

import io.denoiser.quality.QualityScores;
import io.denoiser.quality.SetQuality;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every photo of a set denoised at one Gaussian noise level.
 *
 * @param sigma8bit the noise standard deviation in 8-bit units: the noise added is {@code sigma8bit / 255}
 * @param crops     one per photo, in the order of {@code photos}
 */
public record NoiseLevelOutcome(double sigma8bit, List<PhotoScores> photos, List<PhotoCrop> crops) {

    private static final String ROW = "%-22s %9s  %8s %6s  %9s %6s  %8s %6s%n";

    /** Mean PSNR, SSIM and MSE over the photos: each photo counts once, whatever its size. */
    public QualityScores mean() {
        return new QualityScores(photos.size(), mean(PhotoScores::noisy), mean(PhotoScores::median),
                mean(PhotoScores::model));
    }

    /** Photos whose model output scores a lower PSNR than their noisy input. */
    public List<String> modelWorseThanNoisy() {
        return photos.stream().filter(p -> p.model().psnrDb() < p.noisy().psnrDb()).map(PhotoScores::name).toList();
    }

    /** A plain-text table: one row per photo, then the mean, then the photos the model made worse. */
    public String render() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "sigma %s/255 (%.4f), %d photos%n",
                label(sigma8bit), sigma8bit / 255, photos.size()));
        table.append(String.format(Locale.ROOT, ROW, "photo", "HxW", "noisy dB", "SSIM", "median dB", "SSIM", "model dB", "SSIM"));
        for (PhotoScores photo : photos) {
            appendRow(table, photo.name(), photo.height() + "x" + photo.width(), photo.noisy(), photo.median(), photo.model());
        }
        QualityScores mean = mean();
        appendRow(table, "mean", "", mean.noisy(), mean.median(), mean.model());
        List<String> worse = modelWorseThanNoisy();
        table.append("model below its noisy input: ").append(worse.isEmpty() ? "none" : String.join(", ", worse))
                .append(System.lineSeparator());
        return table.toString();
    }

    /** {@code 25} for 25.0, {@code 12.5} for 12.5: how a level is named in the table and in file names. */
    static String label(double sigma8bit) {
        return sigma8bit == Math.rint(sigma8bit) ? Long.toString((long) sigma8bit) : Double.toString(sigma8bit);
    }

    private SetQuality mean(Function<PhotoScores, SetQuality> set) {
        return new SetQuality(photos.stream().mapToDouble(p -> set.apply(p).mse()).average().orElseThrow(),
                photos.stream().mapToDouble(p -> set.apply(p).psnrDb()).average().orElseThrow(),
                photos.stream().mapToDouble(p -> set.apply(p).ssim()).average().orElseThrow());
    }

    private static void appendRow(StringBuilder table, String name, String size, SetQuality noisy, SetQuality median,
                                  SetQuality model) {
        table.append(String.format(Locale.ROOT, ROW, name, size, db(noisy), ssim(noisy), db(median), ssim(median),
                db(model), ssim(model)));
    }

    private static String db(SetQuality quality) {
        return String.format(Locale.ROOT, "%.2f", quality.psnrDb());
    }

    private static String ssim(SetQuality quality) {
        return String.format(Locale.ROOT, "%.4f", quality.ssim());
    }
}

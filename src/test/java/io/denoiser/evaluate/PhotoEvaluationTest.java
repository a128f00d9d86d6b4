package io.denoiser.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.data.ImageFiles;
import io.denoiser.model.ModelRecord;
import io.denoiser.model.ModelRecords;
import io.denoiser.model.PhotoModelRecords;
import io.denoiser.quality.QualityScores;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoEvaluationTest {

    private static final List<ImageFiles.Photo> PHOTOS = List.of(SmoothPhotos.photo("tall.png", 96, 80),
            SmoothPhotos.photo("wide.jpg", 72, 150));
    private static final double[] SIGMAS = {15, 25};
    private static PhotoEvaluation.Outcome outcome;

    @BeforeAll
    static void evaluate() {
        ModelRecord model = PhotoModelRecords.randomWeights("photo", 3, 7);
        outcome = PhotoEvaluation.run(model, "generated", PHOTOS, SIGMAS, 1234);
    }

    @Test
    void shouldScoreTheNoisyInputOfEveryPhotoAtTheAnalyticPsnrOfItsNoiseLevel() {
        assertThat(outcome.levels()).extracting(NoiseLevelOutcome::sigma8bit).containsExactly(15.0, 25.0);
        for (NoiseLevelOutcome level : outcome.levels()) {
            double expectedDb = 20 * Math.log10(255 / level.sigma8bit());
            assertThat(level.photos()).extracting(PhotoScores::name).containsExactly("tall.png", "wide.jpg");
            assertThat(level.photos()).allSatisfy(photo -> {
                assertThat(photo.noisy().psnrDb()).as(photo.name()).isCloseTo(expectedDb, within(0.25));
                assertThat(photo.median().psnrDb()).as("a smooth photo: the median removes noise")
                        .isGreaterThan(photo.noisy().psnrDb() + 3);
                assertThat(photo.median().ssim()).isGreaterThan(photo.noisy().ssim());
                assertThat(photo.model().psnrDb()).isFinite();
                assertThat(photo.model().ssim()).isBetween(-1.0, 1.0);
            });
        }
        assertThat(outcome.levels().get(0).photos().get(1)).satisfies(p -> assertThat(p.height()).isEqualTo(72))
                .satisfies(p -> assertThat(p.width()).isEqualTo(150));
    }

    @Test
    void shouldAverageThePhotosWithEachPhotoCountingOnce() {
        NoiseLevelOutcome level = outcome.levels().get(1);
        QualityScores mean = level.mean();
        assertThat(mean.n()).isEqualTo(2);
        assertThat(mean.noisy().psnrDb()).isCloseTo((level.photos().get(0).noisy().psnrDb()
                + level.photos().get(1).noisy().psnrDb()) / 2, within(1e-9));
        assertThat(mean.model().ssim()).isCloseTo((level.photos().get(0).model().ssim()
                + level.photos().get(1).model().ssim()) / 2, within(1e-9));
        assertThat(level.render()).contains("sigma 25/255 (0.0980), 2 photos", "tall.png", "96x80", "72x150", "mean",
                "model below its noisy input: ");
    }

    @Test
    void shouldWriteCleanNoisyMedianAndModelCropsSideBySidePerPhotoAndLevel(@TempDir Path out) throws Exception {
        List<Path> files = outcome.writeCrops(out);

        assertThat(files).containsExactly(out.resolve("sigma-15/tall.png"), out.resolve("sigma-15/wide.png"),
                out.resolve("sigma-25/tall.png"), out.resolve("sigma-25/wide.png"));
        BufferedImage wide = ImageIO.read(out.resolve("sigma-25/wide.png").toFile());
        // four 72x128 crops (the centre of 72x150), each pixel drawn 2x2, with 2-pixel gaps
        assertThat(wide.getWidth()).isEqualTo(4 * (128 * 2 + 2) + 2);
        assertThat(wide.getHeight()).isEqualTo(72 * 2 + 2 + 2);
        PhotoCrop crop = outcome.levels().get(1).crops().get(1);
        assertThat(crop.clean()).hasSize(72 * 128).containsExactly(centre(PHOTOS.get(1), 72, 128));
    }

    @Test
    void shouldReportEveryLevelPhotoAndFigureAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(json.writeValueAsString(outcome.report()));

        assertThat(report.path("dataset").asText()).isEqualTo("generated");
        assertThat(report.path("model").path("architecture").asText()).isEqualTo("photo-unet");
        assertThat(report.path("model").path("version").asLong()).isEqualTo(3);
        assertThat(report.path("noise").path("seed").asLong()).isEqualTo(1234);
        JsonNode level = report.path("levels").get(1);
        assertThat(level.path("sigma_8bit").asDouble()).isEqualTo(25.0);
        assertThat(level.path("sigma").asDouble()).isCloseTo(25 / 255.0, within(1e-12));
        assertThat(level.path("mean").path("n").asInt()).isEqualTo(2);
        assertThat(level.path("mean").path("median").path("psnr_db").asDouble())
                .isEqualTo(outcome.levels().get(1).mean().median().psnrDb());
        assertThat(level.path("photos").get(1).path("name").asText()).isEqualTo("wide.jpg");
        assertThat(level.path("photos").get(1).path("model").has("ssim")).isTrue();
        assertThat(level.path("model_worse_than_noisy").isArray()).isTrue();
    }

    @Test
    void shouldRefuseAModelOfOneFixedShapeAndPhotosTooSmallForSsim() {
        assertThatThrownBy(() -> PhotoEvaluation.run(ModelRecords.cnnSeed(1, 1), "generated", PHOTOS, SIGMAS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one fixed shape");
        ModelRecord photoModel = PhotoModelRecords.randomWeights("photo", 1, 7);
        assertThatThrownBy(() -> PhotoEvaluation.run(photoModel, "generated", List.of(SmoothPhotos.photo("tiny.png", 10, 40)),
                SIGMAS, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tiny.png is 10x40");
    }

    private static float[] centre(ImageFiles.Photo photo, int rows, int columns) {
        int left = (photo.width() - columns) / 2;
        float[] window = new float[rows * columns];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(photo.values(), y * photo.width() + left, window, y * columns, columns);
        }
        return window;
    }
}

package io.denoiser.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecords;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.train.TrainingData;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationTest {

    @Test
    void shouldRankTheShippedModelAboveTheMedianAboveTheNoisyInput(@TempDir Path out) throws Exception {
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(ShippedModels.load("cnn-seed"),
                TrainingData.named("mnist", 0.5, 64, 16), 1234);
        EvaluationReport report = outcome.report();

        assertThat(report.n()).isEqualTo(2000);
        assertThat(report.noisy().psnrDb()).isBetween(9.0, 9.8);
        assertThat(report.median().psnrDb()).isBetween(13.7, 14.7);
        assertThat((double) report.model().get("psnr_db")).isGreaterThan(report.median().psnrDb() + 2);
        assertThat((double) report.model().get("ssim")).isGreaterThan(report.median().ssim());
        assertThat(report.perClass()).hasSize(10);
        assertThat(outcome.latents()[0]).hasSize(512);
        // 0.874 against 0.699 for the noisy pixels when measured
        assertThat(report.latentSearch().dimensions()).isEqualTo(512);
        assertThat(report.latentSearch().noisyPixels()).isBetween(0.67, 0.73);
        assertThat(report.latentSearch().nearestNeighbour()).isBetween(0.85, 0.90);
        assertThat(EvaluationPictures.write(out, outcome)).allSatisfy(file -> assertThat(ImageIO.read(file.toFile())).isNotNull());
    }

    @Test
    void shouldScoreTheEmbeddingServePublishesWhenTheModelHasOne() throws Exception {
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(
                ModelRecords.withPixelEmbedding(ShippedModels.load("cnn-seed"), "digits-a1", 8, 64),
                TrainingData.named("mnist", 0.5, 64, 16), 1234);

        // the pixel embedding's vector is the denoised record's first 8 values
        for (int i = 0; i < 3; i++) {
            assertThat(outcome.latents()[i]).containsExactly(Arrays.copyOf(outcome.denoised()[i], 8));
        }
        assertThat(outcome.report().latentSearch().dimensions()).isEqualTo(8);
    }

    @Test
    void shouldRankTheShippedSensorModelAboveTheBestLinearDenoiser() throws Exception {
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(ShippedModels.load("cnn-sensors"),
                TrainingData.named("sensors", 0.5, 64, 16), 1234);
        EvaluationReport report = outcome.report();

        assertThat(report.n()).isEqualTo(2000);
        assertThat(report.model()).containsEntry("architecture", "cnn1d");
        assertThat(report.noisy().psnrDb()).isBetween(18.8, 19.7);
        assertThat(report.median().psnrDb()).isBetween(23.0, 24.0);
        // 25.85 dB shipped; the best linear denoiser of these windows reaches 24.91 dB
        assertThat((double) report.model().get("psnr_db")).isGreaterThan(25.8);
        assertThat(outcome.latents()[0]).hasSize(128);
    }

    @Test
    void shouldDenoiseWindowsTwiceAsLongAsTheSensorModelWasTrainedOn() throws Exception {
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(ShippedModels.load("cnn-sensors"),
                TrainingData.named("sensors", 0.5, 128, 16), 1234);
        EvaluationReport report = outcome.report();

        assertThat(outcome.denoised()[0]).hasSize(128 * 8);
        assertThat(outcome.latents()[0]).hasSize(128);
        assertThat((double) report.model().get("psnr_db")).isGreaterThan(report.median().psnrDb() + 2);
    }

    @Test
    void shouldKeepTheShippedLstmSensorModelAboveTheMovingMedian() throws Exception {
        EvaluationReport report = ModelEvaluation.run(ShippedModels.load("lstm-sensors"),
                TrainingData.named("sensors", 0.5, 64, 16), 1234).report();

        assertThat(report.model()).containsEntry("architecture", "lstm-skip");
        assertThat((double) report.model().get("psnr_db")).isGreaterThan(report.median().psnrDb() + 1);
    }

    @Test
    void shouldRefuseADataSetWhoseRecordsTheModelCannotTakeAndCloseTheModelCopyItBuilt() {
        int copiesBefore = DenoisingModel.openCopies();
        assertThatThrownBy(() -> ModelEvaluation.run(ModelRecords.lstm(1, 1), TrainingData.named("sensors", 0.5, 64, 16), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lstm: takes [28, 28] only");
        assertThat(DenoisingModel.openCopies()).isEqualTo(copiesBefore);
    }

    @Test
    void shouldCloseTheModelCopyItEvaluatedWith() throws Exception {
        int copiesBefore = DenoisingModel.openCopies();
        ModelEvaluation.run(ShippedModels.load("cnn-sensors"), TrainingData.named("sensors", 0.5, 64, 16), 1234);
        assertThat(DenoisingModel.openCopies()).isEqualTo(copiesBefore);
    }
}

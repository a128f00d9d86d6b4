package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.evaluate.SmoothPhotos;
import io.denoiser.model.DenoisingModel;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void shouldFineTuneAModelFileInItsOwnDesignResumingItsSchedule(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        SmoothPhotos.writePng(photos, SmoothPhotos.photo("a.png", 80, 96));
        Path first = dir.resolve("first.dnm");
        Path tuned = dir.resolve("tuned.dnm");
        String[] common = {"--dataset", "images:" + photos, "--patch-size", "16", "--patches", "8", "--batch-size", "8"};

        assertThat(Main.commandLine().execute(concat(new String[] {"train", "--once", "--architecture", "photo-unet",
                "--model-name", "mine", "--epochs", "2", "--out", first.toString()}, common))).isZero();
        assertThat(Main.commandLine().execute(concat(new String[] {"train", "--once", "--initial-model", first.toString(),
                "--model-name", "mine", "--noise-exponent", "2", "--epochs", "1", "--out", tuned.toString()}, common))).isZero();

        ModelRecord record = ModelFiles.read(tuned);
        Map<String, Object> training = record.metadata().training();
        assertThat(record.metadata().architecture()).isEqualTo("photo-unet");
        assertThat(training).containsEntry("parent_version", 1).containsEntry("schedule_from_epoch", 2);
        assertThat(training.get("noise").toString()).contains("level_exponent=2.0");
        assertThat(record.parameters()).isNotEqualTo(ModelFiles.read(first).parameters());

        Path again = dir.resolve("again.dnm");
        assertThat(Main.commandLine().execute(concat(new String[] {"train", "--once", "--initial-model", tuned.toString(),
                "--model-name", "mine", "--epochs", "1", "--out", again.toString()}, common))).isZero();
        assertThat(ModelFiles.read(again).metadata().training()).containsEntry("schedule_from_epoch", 3);
    }

    @Test
    void shouldCloseTheModelCopyEveryEpochIsScoredWith(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        SmoothPhotos.writePng(photos, SmoothPhotos.photo("a.png", 80, 96));
        int copiesBefore = DenoisingModel.openCopies();

        assertThat(Main.commandLine().execute("train", "--once", "--architecture", "photo-unet", "--model-name", "mine",
                "--epochs", "2", "--out", dir.resolve("mine.dnm").toString(), "--dataset", "images:" + photos,
                "--patch-size", "16", "--patches", "8", "--batch-size", "8")).isZero();

        assertThat(DenoisingModel.openCopies()).isEqualTo(copiesBefore);
    }

    private static String[] concat(String[] head, String[] tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}

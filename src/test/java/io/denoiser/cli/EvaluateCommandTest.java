package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.evaluate.SmoothPhotos;
import io.denoiser.model.PhotoModelRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    @Test
    void shouldEvaluateAPhotoModelOnAFolderOfImagesAtEachSigma(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        SmoothPhotos.writePng(photos, SmoothPhotos.photo("a.png", 64, 48));
        SmoothPhotos.writePng(photos, SmoothPhotos.photo("b.png", 40, 90));
        Path model = PhotoModelRecords.file(dir, 5);
        Path report = dir.resolve("report.json");
        StringWriter out = new StringWriter();

        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("evaluate", "--model-file",
                model.toString(), "--dataset", "images:" + photos, "--sigma", "10,25", "--out", dir.resolve("out").toString(),
                "--report", report.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("on images:" + photos, "sigma 10/255", "sigma 25/255", "a.png", "40x90",
                "wrote 4 crops");
        assertThat(dir.resolve("out/sigma-25/b.png")).isRegularFile();
        JsonNode levels = new ObjectMapper().readTree(report.toFile()).path("levels");
        assertThat(levels).hasSize(2);
        assertThat(levels.get(0).path("mean").path("noisy").path("psnr_db").asDouble())
                .isGreaterThan(levels.get(1).path("mean").path("noisy").path("psnr_db").asDouble());
    }

    @Test
    void shouldRefuseTheDigitNoiseOptionAndOtherDataSetsForAPhotoModel(@TempDir Path dir) throws Exception {
        Path model = PhotoModelRecords.file(dir, 5);
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setErr(new PrintWriter(err));

        assertThat(cli.execute("evaluate", "--model-file", model.toString(), "--noise", "0.1")).isNotZero();
        assertThat(cli.execute("evaluate", "--model-file", model.toString(), "--dataset", "mnist")).isNotZero();
        assertThat(err.toString()).contains("--sigma levels", "held-out-photos or images:DIR");
    }
}

package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.PhotoModelRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchModelCommandTest {

    @Test
    void shouldReportImagesAndMegapixelsPerSecondOfWholeImagesForAPhotoModel(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("bench.json");
        StringWriter out = new StringWriter();

        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("bench", "model", "--model-file",
                PhotoModelRecords.file(dir, 3).toString(), "--image-size", "40x24", "--batch", "2", "--windows", "1",
                "--window-seconds", "0.2", "--report", report.toString());

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(report.toFile());
        double imagesPerSecond = figures.path("records_per_s").asDouble();
        assertThat(imagesPerSecond).isPositive();
        assertThat(figures.path("image_height").asInt()).isEqualTo(40);
        assertThat(figures.path("image_width").asInt()).isEqualTo(24);
        assertThat(figures.path("batch").asInt()).isEqualTo(2);
        assertThat(figures.path("megapixels_per_s").asDouble()).isCloseTo(imagesPerSecond * 40 * 24 / 1e6, within(0.001));
        assertThat(figures.path("baseline").asText()).startsWith("skipped");
        assertThat(out.toString()).contains("model photo  image 40x24  batch 2  threads 1", "images/s", "megapixels/s",
                "baseline without oneDNN helpers skipped");
    }

    @Test
    void shouldRefuseAnImageSizeForAModelOfOneShapeAndMalformedSizes() {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setErr(new PrintWriter(err)).execute("bench", "model", "--model", "cnn-seed",
                "--image-size", "64x64", "--windows", "1", "--window-seconds", "0.1", "--no-baseline");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--image-size is for photo models");
        assertThatThrownBy(() -> BenchModelCommand.parseSize("512*512")).hasMessageContaining("HxW");
        assertThat(BenchModelCommand.parseSize("303x384")).containsExactly(303, 384);
    }
}

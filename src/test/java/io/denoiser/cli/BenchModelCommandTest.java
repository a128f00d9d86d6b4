package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

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
                "--window-seconds", "0.2", "--engine", "onnxruntime", "--report", report.toString());

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(report.toFile());
        JsonNode onnx = figures.path("engines").path("onnxruntime");
        double imagesPerSecond = onnx.path("records_per_s").asDouble();
        assertThat(imagesPerSecond).isPositive();
        assertThat(figures.path("image_height").asInt()).isEqualTo(40);
        assertThat(figures.path("image_width").asInt()).isEqualTo(24);
        assertThat(figures.path("batch").asInt()).isEqualTo(2);
        assertThat(onnx.path("megapixels_per_s").asDouble()).isCloseTo(imagesPerSecond * 40 * 24 / 1e6, within(0.001));
        assertThat(out.toString()).contains("model photo  engine onnxruntime  image 40x24  batch 2  threads 1",
                "images/s", "megapixels/s");
    }

    @Test
    void shouldMeasureBothEnginesInOneRunAgainstTheSgemmPeakOfTheSameThreads(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("bench.json");
        StringWriter out = new StringWriter();

        int exit = Main.commandLine().setOut(new PrintWriter(out)).execute("bench", "model", "--model", "cnn-seed",
                "--engine", "both", "--batch", "8", "--windows", "1", "--window-seconds", "0.1", "--report",
                report.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("sgemm peak  2048x2048 float32  threads 1",
                "model cnn-seed  engine onnxruntime  batch 8  threads 1", "model cnn-seed  engine dl4j  batch 8  threads 1",
                "GFLOP/s", "of sgemm peak", "onnxruntime/dl4j").doesNotContain("baseline");
        JsonNode figures = new ObjectMapper().readTree(report.toFile());
        double peak = figures.path("sgemm_peak_gflops").asDouble();
        JsonNode onnx = figures.path("engines").path("onnxruntime");
        JsonNode dl4j = figures.path("engines").path("dl4j");
        assertThat(peak).isPositive();
        assertThat(onnx.path("gflops").asDouble()).isCloseTo(2.0 * figures.path("multiply_adds_per_record").asLong()
                * onnx.path("records_per_s").asDouble() / 1e9, within(0.01));
        assertThat(onnx.path("sgemm_peak_share").asDouble()).isCloseTo(onnx.path("gflops").asDouble() / peak, within(0.001));
        // The report rounds each rate to 0.1 record/s, so a ratio recomputed from them can differ by more than the
        // ratio's own rounding when one engine is slow (a busy machine): compare relatively.
        assertThat(figures.path("onnxruntime_vs_dl4j").asDouble()).isCloseTo(
                onnx.path("records_per_s").asDouble() / dl4j.path("records_per_s").asDouble(), withinPercentage(1));
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

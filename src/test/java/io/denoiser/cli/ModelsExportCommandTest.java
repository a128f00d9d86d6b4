package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import io.denoiser.onnx.OnnxContract;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsExportCommandTest {

    @Test
    void shouldExportAShippedModelAsAnOnnxGraphThatOnnxRuntimeLoads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("unet.onnx");
        StringWriter printed = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(printed));

        assertThat(command.execute("models", "export", "--model", "unet", "--format", "onnx", "--out", out.toString()))
                .isZero();

        assertThat(printed.toString()).contains(out.toString()).contains("opset " + OnnxContract.OPSET)
                .contains(String.format("%,d bytes", Files.size(out)));
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(out),
                new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactly(OnnxContract.INPUT);
            assertThat(session.getOutputNames()).containsExactlyInAnyOrder(OnnxContract.DENOISED, OnnxContract.LATENT);
            assertThat(session.getMetadata().getCustomMetadata()).containsEntry("architecture",
                    ShippedModels.load("unet").metadata().architecture());
        }
    }

    @Test
    void shouldExportAModelFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("photo.dnm");
        ModelFiles.write(file, ShippedModels.load("photo"));
        Path out = dir.resolve("photo.onnx");

        assertThat(Main.commandLine().execute("models", "export", "--model-file", file.toString(), "--out",
                out.toString())).isZero();

        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(Files.readAllBytes(out),
                new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrder(OnnxContract.INPUT, OnnxContract.NOISE_LEVEL);
            assertThat(session.getOutputNames()).contains(OnnxContract.LATENT_MAP);
        }
    }

    @Test
    void shouldRefuseAFormatOtherThanOnnx(@TempDir Path dir) {
        assertThat(Main.commandLine().execute("models", "export", "--model", "unet", "--format", "tflite", "--out",
                dir.resolve("unet.tflite").toString())).isNotZero();
        assertThat(dir.resolve("unet.tflite")).doesNotExist();
    }
}

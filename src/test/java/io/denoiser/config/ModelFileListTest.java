package io.denoiser.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileListTest {

    @TempDir
    Path dir;

    @Test
    void shouldMapModelNamesToTheFilesOfTheCommandLineAndOfThePipelines() throws Exception {
        Path vibration = touch("vibration.dnm");
        Path pumps = touch("pumps.dnm");
        Pipeline fromFile = new Pipeline("pumps", "p.in", "p.out", "p.latent", "pump-lstm", 8, 50,
                OutputFormat.AS_INPUT, false, false, pumps, null, null);

        assertThat(ModelFileList.of(List.of("vibration-lstm=" + vibration), List.of(fromFile)))
                .containsEntry("vibration-lstm", vibration).containsEntry("pump-lstm", pumps).hasSize(2);
    }

    @Test
    void shouldTakeAnEmptyVariableOrATrailingCommaAsNoFile() throws Exception {
        Path vibration = touch("vibration.dnm");

        assertThat(ModelFileList.of(List.of(""), List.of())).isEmpty();
        assertThat(ModelFileList.of(List.of("vibration-lstm=" + vibration, " "), List.of())).hasSize(1);
    }

    @Test
    void shouldRefuseEntriesThatAreNotNameEqualsFile() {
        for (String bad : List.of("vibration.dnm", "=/models/x.dnm", "vibration-lstm=", "bad name=/x.dnm")) {
            assertThatThrownBy(() -> ModelFileList.of(List.of(bad), List.of())).as(bad)
                    .hasMessageContaining("'" + bad + "' is not NAME=FILE");
        }
    }

    @Test
    void shouldRefuseAMissingFileSayingWhereItWasNamed() {
        Path missing = dir.resolve("missing.dnm");

        assertThatThrownBy(() -> ModelFileList.of(List.of("vibration-lstm=" + missing), List.of()))
                .hasMessageContaining("--model-file vibration-lstm=").hasMessageContaining(missing + " does not exist");
        Pipeline pipeline = new Pipeline("pumps", "p.in", "p.out", "p.latent", "pump-lstm", 8, 50,
                OutputFormat.AS_INPUT, false, false, missing, null, null);
        assertThatThrownBy(() -> ModelFileList.of(List.of(), List.of(pipeline)))
                .hasMessageContaining("pipeline pumps's modelFile").hasMessageContaining("does not exist");
    }

    @Test
    void shouldRefuseTwoFilesForOneModel() throws Exception {
        Path first = touch("a.dnm");
        Path second = touch("b.dnm");

        assertThatThrownBy(() -> ModelFileList.of(List.of("m=" + first, "m=" + second), List.of()))
                .hasMessageContaining("model m already has the file " + first);
    }

    private Path touch(String name) throws Exception {
        return Files.write(dir.resolve(name), new byte[] {1});
    }
}

package io.denoiser.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.EmbeddingMetadata;
import io.denoiser.model.ModelRecord;
import io.denoiser.modeltopic.ModelFiles;
import io.denoiser.modeltopic.ShippedModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsEmbedCommandTest {

    @Test
    void shouldGiveAModelFileAnEmbeddingOfTheDimensionsAskedForAndJoinAParentsSpace(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("dense.dnm");
        ModelFiles.write(plain, ShippedModels.load("dense"));
        Path first = dir.resolve("first.dnm");
        Path second = dir.resolve("second.dnm");

        assertThat(Main.commandLine().execute("models", "embed", "--file", plain.toString(), "--out", first.toString(),
                "--dimensions", "16")).isZero();
        assertThat(Main.commandLine().execute("models", "embed", "--file", plain.toString(), "--out", second.toString(),
                "--dimensions", "16", "--parent", first.toString(), "--seed", "2")).isZero();

        ModelRecord embedded = ModelFiles.read(first);
        EmbeddingMetadata metadata = embedded.embedding().metadata();
        assertThat(metadata.dimensions()).isEqualTo(16);
        assertThat(metadata.bits()).isEqualTo(64);
        assertThat(embedded.parameters()).isEqualTo(ShippedModels.load("dense").parameters());
        // the same network fitted on another noisy copy aligns into the first's space
        EmbeddingMetadata joined = ModelFiles.read(second).embedding().metadata();
        assertThat(joined.space()).isEqualTo(metadata.space());
        assertThat(joined.alignedTo()).isEqualTo(embedded.version());
    }

    @Test
    void shouldRefuseAModelWithoutAFixedImageShape(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("photo.dnm");
        ModelFiles.write(photo, ShippedModels.load("photo"));

        assertThat(Main.commandLine().execute("models", "embed", "--file", photo.toString(), "--out",
                dir.resolve("out.dnm").toString())).isNotZero();
    }
}

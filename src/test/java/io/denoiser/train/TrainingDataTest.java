package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.data.SyntheticSensors;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @Test
    void shouldGenerateSensorWindowsOfTheRequestedLength() throws Exception {
        TrainingData windows = TrainingData.named("sensors", 0.5, 16, 4);
        assertThat(windows.recordShape()).containsExactly(16, SyntheticSensors.DEFAULT_FEATURES);
        assertThat(windows.training()[0]).hasSize(16 * SyntheticSensors.DEFAULT_FEATURES);
        assertThat(windows.heldOut()[0]).hasSize(16 * SyntheticSensors.DEFAULT_FEATURES);
        assertThat(windows.description().get("dataset").toString()).contains("windows of 16 steps x 8 features");
    }

    @Test
    void shouldCutPatchesOfTheRequestedSizeFromAFolderOfPhotos(@TempDir Path folder) throws Exception {
        BufferedImage photo = new BufferedImage(120, 90, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(photo, "png", folder.resolve("one.png").toFile());

        TrainingData patches = TrainingData.named("images:" + folder, 0.5, 64, 16, new PhotoSettings(16, 10, 0.2, 1));

        assertThat(patches.recordShape()).containsExactly(1, 16, 16);
        assertThat(patches.training().length).isEqualTo(10);
        assertThat(patches.training()[9]).hasSize(256);
        assertThat(patches.heldOut().length).isEqualTo(7);
        assertThat(patches.description().get("photos")).isEqualTo(List.of("one.png"));
    }

    @Test
    void shouldRefuseAnUnknownDataSetByName() {
        assertThatThrownBy(() -> TrainingData.named("imagenet", 0.5, 64, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown data set 'imagenet'");
    }
}

package io.denoiser.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.data.SyntheticSensors;
import org.junit.jupiter.api.Test;

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
    void shouldRefuseAnUnknownDataSetByName() {
        assertThatThrownBy(() -> TrainingData.named("imagenet", 0.5, 64, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown data set 'imagenet'");
    }
}

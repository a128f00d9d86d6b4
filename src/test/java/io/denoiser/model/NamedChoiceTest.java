package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedChoiceTest {

    @Test
    void shouldReadANameWhateverItsCaseAndBlanks() {
        assertThat(NamedChoice.parse(InferenceEngineKind.values(), InferenceEngineKind::id, " ONNXRuntime ", "engine"))
                .isEqualTo(InferenceEngineKind.ONNXRUNTIME);
    }

    @Test
    void shouldListTheNamesThereAreForAnUnknownOne() {
        assertThatThrownBy(() -> NamedChoice.parse(LatentChoice.values(), LatentChoice::id, "pca", "latent choice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown latent choice 'pca' (embedding, bottleneck)");
    }
}

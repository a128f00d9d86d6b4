package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.modeltopic.ModelRecordCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenseDesignTest {

    private final ModelShape shape = Architecture.DENSE.defaultShape();

    @Test
    void shouldHaveTheSeedsLayerSizes() {
        assertThat(Architecture.DENSE.parameterCount(shape)).isEqualTo(209_968);
        assertThat(Architecture.DENSE.newNetwork(1).parameterCount()).isEqualTo(209_968);
    }

    @Test
    void shouldRoundTripThroughARecordAndGiveA32FloatLatent() {
        float[] parameters = Architecture.DENSE.newNetwork(2).parameters();
        ModelRecord record = new ModelRecord(new ModelMetadata("dense", 1, "dense", shape.input(), shape.latent(),
                parameters.length, Map.of(), Map.of(), null, null), parameters);
        ModelRecord decoded = ModelRecordCodec.decode(ModelRecordCodec.encode(record));
        Reconstruction result = DenoisingModel.load(decoded).reconstruct(new float[3][784]);
        assertThat(result.outputs()[2]).hasSize(784);
        assertThat(result.latents()[0]).hasSize(32);
        assertThat(decoded.parameters()).containsExactly(parameters);
    }
}

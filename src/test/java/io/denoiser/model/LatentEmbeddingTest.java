package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatentEmbeddingTest {

    private static final EmbeddingMetadata TWO_BY_THREE = new EmbeddingMetadata(2, 3, "s", null, null, null, null,
            null, null, null);

    @Test
    void shouldProjectTheCentredOutputAndSetHashBitKForAPositiveProjectionK() {
        // N = 3: μ = (1, 0, 0); W picks value 0 and twice value 2; H's columns are value 1, −value 1 and value 2
        LatentEmbedding embedding = new LatentEmbedding(TWO_BY_THREE, new float[] {1, 0, 0},
                new float[] {1, 0, 0, 0, 0, 2}, new float[] {0, 0, 0, 1, -1, 0, 0, 0, 1});

        Latent embedded = embedding.apply(new float[] {3, 0.5f, 0.25f});

        assertThat(embedded.vector()).containsExactly(2f, 0.5f);
        assertThat(embedded.space()).isEqualTo("s");
        assertThat(embedded.hash()).as("bits 0 and 2 set, bit 1 (−0.5) not").isEqualTo(0b101L);
    }

    @Test
    void shouldSplitAndJoinTheRecordsFloatsAndRefuseArraysOfOtherSizes() {
        float[] floats = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        LatentEmbedding embedding = LatentEmbedding.fromFloats(TWO_BY_THREE, 3, floats);
        assertThat(embedding.mean()).containsExactly(1, 2, 3);
        assertThat(embedding.projection()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(embedding.toFloats()).containsExactly(floats);
        assertThat(embedding.takes(new float[4])).isFalse();
        assertThatThrownBy(() -> new LatentEmbedding(TWO_BY_THREE, new float[3], new float[6], new float[8]))
                .isInstanceOf(InvalidModelException.class);
    }
}

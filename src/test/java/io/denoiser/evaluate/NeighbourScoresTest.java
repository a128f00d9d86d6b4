package io.denoiser.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NeighbourScoresTest {

    /** Two clusters on orthogonal axes, one item of class 1 sitting among class 0. */
    private static final float[][] VECTORS = {{1, 0.1f}, {1, -0.1f}, {1, 0}, {0.1f, 1}, {-0.1f, 1}, {0.05f, 1}};
    private static final int[] LABELS = {0, 0, 1, 1, 1, 1};

    @Test
    void shouldCountItemsWhoseMostSimilarOtherItemSharesTheirLabel() {
        // items 0 and 1 find item 2 (label 1) nearest, item 2 finds item 0: three misses; items 3 to 5 hit
        assertThat(NeighbourScores.nearestNeighbourAccuracy(VECTORS, LABELS)).isCloseTo(3 / 6.0, within(1e-9));
    }

    @Test
    void shouldCompareByDirectionNotLength() {
        float[][] scaled = {{100, 10}, {1, -0.1f}, {0.5f, 0}, {0.1f, 1}, {-1, 10}, {0.05f, 1}};
        assertThat(NeighbourScores.nearestNeighbourAccuracy(scaled, LABELS))
                .isEqualTo(NeighbourScores.nearestNeighbourAccuracy(VECTORS, LABELS));
    }

    @Test
    void shouldNeverMatchAQueryWithItsOwnItemAcrossSpaces() {
        // the database is the queries rotated by 90 degrees: each query's own item would be its best match
        // were it not excluded, so only rotating neighbours back together can score
        float[][] rotated = new float[VECTORS.length][];
        for (int i = 0; i < VECTORS.length; i++) {
            rotated[i] = new float[] {-VECTORS[i][1], VECTORS[i][0]};
        }
        assertThat(NeighbourScores.crossAccuracy(VECTORS, VECTORS, LABELS))
                .isEqualTo(NeighbourScores.nearestNeighbourAccuracy(VECTORS, LABELS));
        assertThat(NeighbourScores.crossAccuracy(VECTORS, rotated, LABELS)).isLessThan(0.5);
    }

    @Test
    void shouldRankCodesByHammingDistanceWithTiesInItemOrder() {
        long[] codes = {0b0000, 0b0001, 0b1111, 0b1110, 0b0011};
        int[] labels = {0, 0, 1, 1, 0};
        // item 0: nearest 1 (d1), then 4 (d2): both label 0 -> 1.0 at k=2
        // item 1: 0 (d1), 4 (d1): 1.0; item 2: 3 (d1), then 4 (d2): 0.5; item 3: 2 (d1), then 0 and 4 at d3 -> 0: 0.5
        // item 4: 1 (d1), then 0 (d2) and 2 (d2) -> 0: 1.0
        assertThat(NeighbourScores.hammingPrecisionAt(2, codes, labels)).isCloseTo(4.0 / 5, within(1e-9));
    }

    @Test
    void shouldRefuseMismatchedCountsAndImpossibleK() {
        assertThatThrownBy(() -> NeighbourScores.nearestNeighbourAccuracy(VECTORS, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourScores.hammingPrecisionAt(5, new long[5], new int[5]))
                .hasMessageContaining("k must be between 1 and 4");
    }
}

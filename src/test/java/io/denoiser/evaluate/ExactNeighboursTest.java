package io.denoiser.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExactNeighboursTest {

    private final ExactNeighbours index = new ExactNeighbours(new float[][] {{1, 0}, {0.9f, 0.1f}, {0, 1}, {2, 0}, {-1, 0}});

    @Test
    void shouldRankByCosineBestFirstWithTiesToTheLowerIndexAndLeaveTheQueryOut() {
        // items 0 and 3 point the same way: a tie, the lower index first
        assertThat(index.nearest(new float[] {1, 0}, 3, -1)).containsExactly(0, 3, 1);
        assertThat(index.nearest(new float[] {1, 0}, 3, 0)).containsExactly(3, 1, 2);
        assertThat(index.nearest(new float[] {1, 0}, 0)).isEqualTo(3);
    }

    @Test
    void shouldReturnEveryOtherItemWhenAskedForMore() {
        assertThat(index.nearest(new float[] {0, 1}, 10, 2)).hasSize(4).startsWith(1).endsWith(4);
    }
}

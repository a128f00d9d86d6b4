package io.denoiser.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MovingMedianTest {

    @Test
    void shouldTakeTheMedianOfFiveStepsWithReplicatedEdges() {
        float[] sequence = {5, 1, 9, 2, 7, 3};
        // t=0 sees 5,5,5,1,9; t=1 sees 5,5,1,9,2; t=3 sees 1,9,2,7,3; t=5 sees 2,7,3,3,3.
        assertThat(MovingMedian.apply(sequence, 6, 1)).containsExactly(5, 5, 5, 3, 3, 3);
    }

    @Test
    void shouldFilterEachFeatureOnItsOwn() {
        // Two features, time-major: feature 0 is 0,10,0,0 and feature 1 is 1,2,3,4.
        float[] sequence = {0, 1, 10, 2, 0, 3, 0, 4};
        float[] filtered = MovingMedian.apply(sequence, 4, 2, 3);
        // Feature 0 loses its spike; feature 1, monotonic, keeps its values.
        assertThat(filtered).containsExactly(0, 1, 0, 2, 0, 3, 0, 4);
    }

    @Test
    void shouldLeaveTheSequenceAloneWithAWindowOfOne() {
        float[] sequence = {3, 1, 2};
        assertThat(MovingMedian.apply(sequence, 3, 1, 1)).containsExactly(3, 1, 2);
    }

    @Test
    void shouldUseTheReplicatedEdgeWhenTheWindowIsLongerThanTheSequence() {
        // t=0 sees 4,4,4,4,8,8,8 and t=1 sees 4,4,4,8,8,8,8.
        assertThat(MovingMedian.apply(new float[] {4, 8}, 2, 1, 7)).containsExactly(4, 8);
    }

    @Test
    void shouldRejectEvenWindowsAndMismatchedShapes() {
        assertThatThrownBy(() -> MovingMedian.apply(new float[4], 4, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> MovingMedian.apply(new float[5], 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 steps x 2 features");
    }
}

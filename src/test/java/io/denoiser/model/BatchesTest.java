package io.denoiser.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchesTest {

    private static final float[][] RECORDS = {{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}};

    @Test
    void shouldCopyRecordsInAndOutInCOrder() {
        INDArray batch = Batches.batch(RECORDS, 6, new long[] {2, 1, 2, 3});

        assertThat(batch.getFloat(1, 0, 1, 2)).isEqualTo(12f);
        assertThat(Batches.rows(batch, 2)).isDeepEqualTo(RECORDS);
    }

    @Test
    void shouldReadRowsOfViewsAndFortranOrderedArraysByValue() {
        INDArray fortran = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        assertThat(Batches.rows(fortran, 2)).isDeepEqualTo(new float[][] {{1, 3, 5}, {2, 4, 6}});
        INDArray view = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new long[] {3, 3}, 'c')
                .get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertThat(Batches.rows(view, 2)).isDeepEqualTo(new float[][] {{4, 5, 6}, {7, 8, 9}});
    }

    @Test
    void shouldReadRowsOfAPermutedArrayInItsLogicalOrder() {
        INDArray featuresByTime = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {1, 2, 3}, 'c'); // [N,F,T]

        float[][] timeMajor = Batches.rows(featuresByTime.permute(0, 2, 1), 1);                            // [N,T,F]

        assertThat(timeMajor).isDeepEqualTo(new float[][] {{1, 4, 2, 5, 3, 6}});
    }

    @Test
    void shouldRefuseRecordsOfTheWrongSize() {
        assertThatThrownBy(() -> Batches.batch(new float[][] {{1, 2}, {3}}, 2, new long[] {2, 2}))
                .hasMessageContaining("input 1 has 1 values");
        assertThatThrownBy(() -> Batches.batch(RECORDS, 6, new long[] {3, 6})).hasMessageContaining("do not fill");
    }
}

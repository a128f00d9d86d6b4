package io.denoiser.model;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves a batch of records between Java arrays and ND4J arrays with one bulk copy per record: ND4J's own
 * {@code create(float[])} and {@code asFloat()} go value by value through an indexer, which showed up in
 * stream profiles.
 */
final class Batches {

    private Batches() {
    }

    /** A float array of {@code shape} (batch first, c order) holding {@code inputs}, each of exactly {@code size} values. */
    static INDArray batch(float[][] inputs, int size, long[] shape) {
        INDArray batch = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if ((long) inputs.length * size != batch.length()) {
            throw new IllegalArgumentException(inputs.length + " inputs of " + size + " values do not fill "
                    + Arrays.toString(shape));
        }
        FloatPointer data = new FloatPointer(batch.data().addressPointer());
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length + " values, expected " + size);
            }
            data.position((long) i * size).put(inputs[i], 0, size);
        }
        Reference.reachabilityFence(batch);
        return batch;
    }

    /** The rows of an array whose first dimension is the batch, each flattened in c order. */
    static float[][] rows(INDArray activations, int count) {
        INDArray dense = isDenseCOrder(activations) ? activations : activations.dup('c');
        int width = Math.toIntExact(dense.length() / count);
        FloatPointer data = new FloatPointer(dense.data().addressPointer());
        float[][] rows = new float[count][width];
        for (int i = 0; i < count; i++) {
            data.position((long) i * width).get(rows[i], 0, width);
        }
        // The pointer does not own the buffer: once compiled, nothing else keeps a copy made here reachable, and a
        // collection during the loop would let ND4J free the memory being read.
        Reference.reachabilityFence(dense);
        return rows;
    }

    /** Whether the buffer holds exactly this array's values in c order; a permuted array reports 'c' but does not. */
    private static boolean isDenseCOrder(INDArray array) {
        return array.ordering() == 'c' && !array.isView() && array.offset() == 0
                && Arrays.equals(array.stride(), Nd4j.getStrides(array.shape(), 'c'));
    }

    /** A copy of {@code count} time-major records of {@code steps} x {@code features} with each record's steps in reverse order. */
    static float[] reverseSteps(float[] values, int count, int steps, int features) {
        float[] reversed = new float[values.length];
        for (int record = 0; record < count; record++) {
            int offset = record * steps * features;
            for (int t = 0; t < steps; t++) {
                System.arraycopy(values, offset + t * features, reversed, offset + (steps - 1 - t) * features, features);
            }
        }
        return reversed;
    }
}

package io.denoiser.model;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Moves a batch of records between Java arrays and ND4J arrays. */
final class Batches {

    private Batches() {
    }

    /** One flat array of {@code inputs}, each of which must hold exactly {@code size} values. */
    static float[] flatten(float[][] inputs, int size) {
        float[] flat = new float[Math.multiplyExact(inputs.length, size)];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != size) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length + " values, expected " + size);
            }
            System.arraycopy(inputs[i], 0, flat, i * size, size);
        }
        return flat;
    }

    /** The rows of an array whose first dimension is the batch, each flattened in c order. */
    static float[][] rows(INDArray activations, int count) {
        float[] flat = activations.dup('c').data().asFloat();
        int width = flat.length / count;
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return rows;
    }
}

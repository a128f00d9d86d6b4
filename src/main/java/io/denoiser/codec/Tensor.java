package io.denoiser.codec;

import java.util.Arrays;

/** A shaped array of floats; uint8 inputs are scaled to [0, 1] when decoded. */
public record Tensor(int[] shape, float[] values) {

    public Tensor {
        long count = 1;
        for (int dimension : shape) {
            count *= dimension;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
    }
}

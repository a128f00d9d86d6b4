package io.denoiser.model;

import java.util.Arrays;

/**
 * The shapes a model works on, without the batch dimension: one input record (e.g. [1,28,28] for an image,
 * [T,F] for a sequence window) and its latent vector (e.g. [32,4,4], or [H]).
 */
public record ModelShape(int[] input, int[] latent) {

    public int inputSize() {
        return Arrays.stream(input).reduce(1, Math::multiplyExact);
    }

    public int latentSize() {
        return Arrays.stream(latent).reduce(1, Math::multiplyExact);
    }

    /** [batch, ...input] as ND4J wants it. */
    public long[] batchShape(int batchSize) {
        long[] shape = new long[input.length + 1];
        shape[0] = batchSize;
        for (int i = 0; i < input.length; i++) {
            shape[i + 1] = input[i];
        }
        return shape;
    }

    /** Drops leading size-1 dimensions, so [1,28,28] and [28,28] describe the same record. */
    public static int[] squeeze(int[] shape) {
        int first = 0;
        while (first < shape.length - 1 && shape[first] == 1) {
            first++;
        }
        return Arrays.copyOfRange(shape, first, shape.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelShape shape && Arrays.equals(input, shape.input) && Arrays.equals(latent, shape.latent);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(input) + Arrays.hashCode(latent);
    }

    @Override
    public String toString() {
        return "input " + Arrays.toString(input) + ", latent " + Arrays.toString(latent);
    }
}

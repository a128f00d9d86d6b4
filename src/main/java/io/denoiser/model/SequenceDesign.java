package io.denoiser.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A design for time-major windows of any steps x features given in the model's shape: input [steps, features],
 * latent [hidden], trained on [batch, features, time] (DL4J's recurrent layers and 1-D convolutions).
 */
interface SequenceDesign extends Design {

    /** Largest steps, features or hidden size a record may declare: checked before anything is allocated. */
    int MAX_DIMENSION = 4096;

    @Override
    default boolean readsSequences() {
        return true;
    }

    /** Accepts any input [steps, features] and latent [hidden], each within 1..{@value #MAX_DIMENSION}. */
    @Override
    default void checkShape(ModelShape shape) {
        boolean valid = shape.input().length == 2 && shape.latent().length == 1;
        for (int dimension : valid ? new int[] {shape.input()[0], shape.input()[1], shape.latent()[0]} : new int[0]) {
            valid &= dimension >= 1 && dimension <= MAX_DIMENSION;
        }
        if (!valid) {
            throw new InvalidModelException("needs input [steps, features] and latent [hidden], each 1.."
                    + MAX_DIMENSION + ", not " + shape);
        }
    }

    /** Windows arrive time-major ([T,F] per record); DL4J's recurrent layers take [batch, features, time]. */
    @Override
    default INDArray trainingBatch(float[] values, int count, ModelShape shape) {
        return Nd4j.create(values, shape.batchShape(count), 'c').permute(0, 2, 1).dup('c');
    }
}

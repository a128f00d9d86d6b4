package io.denoiser.model;

import io.denoiser.onnx.OnnxOps;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What an architecture must provide: its networks for training and inference, for a given shape. */
interface Design {

    ModelShape defaultShape();

    /** True for sequence designs, whose input shape is [steps, features] of the data they train on. */
    default boolean readsSequences() {
        return false;
    }

    /**
     * Throws {@link InvalidModelException} if this design cannot work on {@code shape}; by default only its
     * {@link #defaultShape()} is accepted.
     */
    default void checkShape(ModelShape shape) {
        if (!defaultShape().equals(shape)) {
            throw new InvalidModelException("works only on " + defaultShape() + ", not " + shape);
        }
    }

    /**
     * How a fully convolutional image design runs on images of any size; empty for designs that take only
     * their model shape. The model shape of a tiled design is one tile.
     */
    default Optional<ImageTiling> tiling() {
        return Optional.empty();
    }

    /**
     * Throws {@link InvalidModelException} unless a model of {@code shape} takes records of {@code record}; by
     * default only its own input shape, leading size-1 dimensions aside.
     */
    default void checkInput(ModelShape shape, int[] record) {
        if (!Arrays.equals(ModelShape.squeeze(shape.input()), ModelShape.squeeze(record))) {
            throw new InvalidModelException("takes " + Arrays.toString(shape.input()) + " only, not "
                    + Arrays.toString(record));
        }
    }

    long parameterCount(ModelShape shape);

    TrainingNetwork trainingNetwork(long seed, ModelShape shape);

    /** An inference engine over {@code parameters}, laid out as {@link #trainingNetwork} flattens them. */
    InferenceEngine inference(float[] parameters, ModelShape shape);

    /**
     * Writes this design's network over {@code parameters} into {@code ops}' graph: the inputs and outputs of
     * {@link io.denoiser.onnx.OnnxContract}, records of {@code shape} giving the sizes of its fixed dimensions.
     */
    void exportOnnx(OnnxOps ops, float[] parameters, ModelShape shape);

    /** {@code count} records, each {@code shape.inputSize()} values in record order, as the training network's input. */
    INDArray trainingBatch(float[] values, int count, ModelShape shape);

    /**
     * {@code count} noisy records as the training network's inputs; by default its one input, laid out as
     * {@link #trainingBatch}, the layout of the clean targets too.
     */
    default INDArray[] trainingInputs(float[] values, int count, ModelShape shape) {
        return new INDArray[] {trainingBatch(values, count, shape)};
    }
}

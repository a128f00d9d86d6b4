package io.denoiser.onnx;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads a DL4J network's parameter arrays into the flat values ONNX initializers carry. */
final class Parameters {

    private Parameters() {
    }

    /** Every value of {@code array} in C order, whatever its own order or view. */
    static float[] values(INDArray array) {
        return Nd4j.toFlattened('c', array).toFloatVector();
    }
}

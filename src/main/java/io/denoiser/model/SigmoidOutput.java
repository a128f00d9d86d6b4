package io.denoiser.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A sequence autoencoder's time-distributed dense output with a sigmoid, copied out of its DL4J layer. */
record SigmoidOutput(INDArray weights, INDArray bias) implements AutoCloseable {

    static SigmoidOutput of(Layer layer, int features) {
        return new SigmoidOutput(layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c'),
                layer.getParam(DefaultParamInitializer.BIAS_KEY).reshape(1, features).dup('c'));
    }

    /** Every step's values [N*T, features] from its decoder outputs [N*T, width]. */
    INDArray apply(INDArray decoded) {
        return Transforms.sigmoid(decoded.mmul(weights).addiRowVector(bias), false);
    }

    @Override
    public void close() {
        NativeLstm.closeAll(weights, bias);
    }
}

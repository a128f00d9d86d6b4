package io.denoiser.onnx;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;

/**
 * One DL4J layer, given by its configuration and by the loaded layer whose parameters it reads, as ONNX nodes.
 * Images are NCHW and sequences DL4J's NCW [N, C, T] throughout.
 */
final class LayerConverter {

    private final OnnxOps ops;
    private final ConvolutionConverter convolutions;
    private final DenseConverter dense;
    private final RecurrentConverter recurrent;

    LayerConverter(OnnxOps ops) {
        this.ops = ops;
        this.convolutions = new ConvolutionConverter(ops);
        this.dense = new DenseConverter(ops);
        this.recurrent = new RecurrentConverter(ops);
    }

    /** Loss layers without parameters only score training: an exported graph leaves them out. */
    static boolean isLoss(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return layer instanceof CnnLossLayer || layer instanceof RnnLossLayer || layer instanceof LossLayer;
    }

    Tensor convert(String name, org.deeplearning4j.nn.conf.layers.Layer layer, Layer runtime, Tensor x) {
        if (layer instanceof Deconvolution2D deconvolution) {
            return convolutions.transposed(name, deconvolution, runtime, x);
        } else if (layer instanceof ConvolutionLayer convolution) {
            return convolutions.convolution(name, convolution, runtime, x);
        } else if (layer instanceof Upsampling2D upsampling && upsampling.getFormat() == CNN2DFormat.NCHW) {
            return ops.upsample(x, upsampling.getSize());
        } else if (layer instanceof Upsampling1D upsampling) {
            return ops.upsample(x, upsampling.getSize()[0]);
        } else if (layer instanceof RnnOutputLayer output) {
            return dense.timeDistributed(name, output, runtime, x);
        } else if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
            return dense.dense(name, (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer, runtime, x);
        } else if (layer instanceof ActivationLayer activation) {
            return ops.activation(x, activation.getActivationFn());
        } else if (layer instanceof GlobalPoolingLayer pooling && pooling.getPoolingType() == PoolingType.AVG
                && pooling.isCollapseDimensions()) {
            return ops.meanOverSpace(x);
        } else if (layer instanceof LSTM lstm) {
            return recurrent.lstm(name, lstm, runtime, x);
        } else if (layer instanceof Bidirectional bidirectional) {
            return recurrent.bidirectional(name, bidirectional, runtime, x);
        } else if (layer instanceof LastTimeStep last) {
            return ops.lastStep(convert(name, last.getUnderlying(), ((LastTimeStepLayer) runtime).getUnderlying(), x));
        } else if (layer instanceof RepeatVector repeat) {
            return ops.repeat(x, repeat.getN());
        }
        throw new UnsupportedOperationException(name + ": no ONNX export for " + layer.getClass().getSimpleName());
    }
}

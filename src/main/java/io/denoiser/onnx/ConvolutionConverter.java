package io.denoiser.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's 1-D and 2-D convolutions and 2-D transposed convolutions as ONNX Conv and ConvTranspose, channels
 * first. Padding is written out: for an input whose sizes are multiples of the strides, as every fully
 * convolutional design requires, the padding of {@link ConvolutionMode#Same} does not depend on the size, so
 * the pads worked out for the model shape hold for every size the graph accepts.
 */
final class ConvolutionConverter {

    private final OnnxGraph graph;
    private final OnnxOps ops;

    ConvolutionConverter(OnnxOps ops) {
        this.graph = ops.graph();
        this.ops = ops;
    }

    /** DL4J's 2-D weights [out, in, kH, kW] are ONNX's [M, C, kH, kW] already. */
    Tensor convolution(String name, ConvolutionLayer layer, Layer runtime, Tensor x) {
        checkChannelsFirst(name, layer);
        int spatial = x.rank() - 2;
        long[] kernel = take(layer.getKernelSize(), spatial);
        long[] stride = take(layer.getStride(), spatial);
        checkDilation(name, layer, spatial);
        long out = layer.getNOut();
        long[] weightShape = concat(new long[] {out, x.dimension(1)}, kernel);
        long[] pads = new long[2 * spatial];
        long[] shape = new long[x.rank()];
        shape[0] = x.dimension(0);
        shape[1] = out;
        for (int i = 0; i < spatial; i++) {
            long in = x.dimension(i + 2);
            if (layer.getConvolutionMode() == ConvolutionMode.Same) {
                shape[i + 2] = (in + stride[i] - 1) / stride[i];
                long total = Math.max(0, (shape[i + 2] - 1) * stride[i] + kernel[i] - in);
                pads[i] = total / 2;   // DL4J puts the odd extra pad at the end, as SAME_UPPER does
                pads[i + spatial] = total - pads[i];
            } else if (layer.getConvolutionMode() == ConvolutionMode.Truncate) {
                pads[i] = layer.getPadding()[i];
                pads[i + spatial] = pads[i];
                shape[i + 2] = (in + 2 * pads[i] - kernel[i]) / stride[i] + 1;
            } else {
                throw new UnsupportedOperationException(name + ": no ONNX export for " + layer.getConvolutionMode());
            }
        }
        Tensor y = graph.node("Conv", shape, parameters(name, layer, runtime, x, weightShape),
                Attributes.ints("kernel_shape", kernel), Attributes.ints("strides", stride), Attributes.ints("pads", pads));
        graph.countMultiplyAdds(product(shape) * x.dimension(1) * product(kernel));
        return ops.activation(y, layer.getActivationFn());
    }

    /** DL4J's transposed weights [in, out, kH, kW] are ONNX ConvTranspose's [C, M, kH, kW]. */
    Tensor transposed(String name, Deconvolution2D layer, Layer runtime, Tensor x) {
        checkChannelsFirst(name, layer);
        long[] kernel = take(layer.getKernelSize(), 2);
        long[] stride = take(layer.getStride(), 2);
        checkDilation(name, layer, 2);
        long out = layer.getNOut();
        long[] shape = {x.dimension(0), out, 0, 0};
        long[] pads = new long[4];
        for (int i = 0; i < 2; i++) {
            long in = x.dimension(i + 2);
            if (layer.getConvolutionMode() == ConvolutionMode.Same && kernel[i] == stride[i]) {
                shape[i + 2] = in * stride[i];
            } else if (layer.getConvolutionMode() == ConvolutionMode.Truncate) {
                pads[i] = layer.getPadding()[i];
                pads[i + 2] = pads[i];
                shape[i + 2] = stride[i] * (in - 1) + kernel[i] - 2 * pads[i];
            } else {
                throw new UnsupportedOperationException(name + ": no ONNX export for a transposed convolution in "
                        + layer.getConvolutionMode() + " mode with kernel " + Arrays.toString(kernel) + " and stride "
                        + Arrays.toString(stride));
            }
        }
        Tensor y = graph.node("ConvTranspose", shape,
                parameters(name, layer, runtime, x, new long[] {x.dimension(1), out, kernel[0], kernel[1]}),
                Attributes.ints("kernel_shape", kernel), Attributes.ints("strides", stride), Attributes.ints("pads", pads));
        graph.countMultiplyAdds(product(x.shape()) * out * product(kernel));
        return ops.activation(y, layer.getActivationFn());
    }

    private List<Tensor> parameters(String name, ConvolutionLayer layer, Layer runtime, Tensor x, long[] weightShape) {
        float[] weights = Parameters.values(runtime.getParam(ConvolutionParamInitializer.WEIGHT_KEY));
        if (layer instanceof Convolution1DLayer) {
            // the table names a 1-D convolution's weights [out, in, k, 1], but its values lie as [k, in, out]
            weights = Parameters.values(Nd4j.createFromArray(weights)
                    .reshape(weightShape[2], weightShape[1], weightShape[0]).permute(2, 1, 0));
        }
        List<Tensor> inputs = new ArrayList<>(List.of(x, graph.weights(name + ".W", weights, weightShape)));
        if (layer.hasBias()) {
            inputs.add(graph.weights(name + ".b", Parameters.values(runtime.getParam(ConvolutionParamInitializer.BIAS_KEY)),
                    weightShape[layer instanceof Deconvolution2D ? 1 : 0]));
        }
        return inputs;
    }

    /** The graph is written channels first: a channels-last layer would read the wrong dimensions. */
    private static void checkChannelsFirst(String name, ConvolutionLayer layer) {
        boolean channelsFirst = layer instanceof Convolution1DLayer oneD ? oneD.getRnnDataFormat() == RNNFormat.NCW
                : layer.getCnn2dDataFormat() == CNN2DFormat.NCHW;
        if (!channelsFirst) {
            throw new UnsupportedOperationException(name + ": export the channels-first configuration");
        }
    }

    private static void checkDilation(String name, ConvolutionLayer layer, int spatial) {
        for (long dilation : take(layer.getDilation(), spatial)) {
            if (dilation != 1) {
                throw new UnsupportedOperationException(name + ": no ONNX export for dilated convolutions");
            }
        }
    }

    private static long[] take(int[] values, int count) {
        return Arrays.stream(values).limit(count).asLongStream().toArray();
    }

    private static long[] concat(long[] first, long[] second) {
        long[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static long product(long[] values) {
        return Arrays.stream(values).reduce(1, Math::multiplyExact);
    }
}

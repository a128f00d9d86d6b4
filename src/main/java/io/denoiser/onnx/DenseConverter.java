package io.denoiser.onnx;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * DL4J's dense layers (DenseLayer, OutputLayer) as ONNX Gemm, and a dense layer applied to every step of an
 * NCW sequence (RnnOutputLayer) as a MatMul over [N, T, C]. DL4J's weights are [in, out], as both take them.
 */
final class DenseConverter {

    private final OnnxGraph graph;
    private final OnnxOps ops;

    DenseConverter(OnnxOps ops) {
        this.graph = ops.graph();
        this.ops = ops;
    }

    /** On [N, in]. */
    Tensor dense(String name, FeedForwardLayer layer, Layer runtime, Tensor x) {
        long out = layer.getNOut();
        Tensor y = graph.node("Gemm", new long[] {x.dimension(0), out}, List.of(x, weights(name, runtime, x.dimension(1), out),
                bias(name, runtime, out)));
        graph.countMultiplyAdds(x.dimension(1) * out);
        return ops.activation(y, layer.getActivationFn());
    }

    /** On every step of [N, in, T], to [N, out, T]. */
    Tensor timeDistributed(String name, FeedForwardLayer layer, Layer runtime, Tensor x) {
        long in = x.dimension(1);
        long steps = x.dimension(2);
        long out = layer.getNOut();
        Tensor stepsFirst = ops.transpose(x, 0, 2, 1);                                              // [N, T, in]
        Tensor product = graph.node("MatMul", new long[] {x.dimension(0), steps, out},
                List.of(stepsFirst, weights(name, runtime, in, out)));
        Tensor y = graph.node("Add", product.shape(), List.of(product, bias(name, runtime, out)));
        graph.countMultiplyAdds(steps * in * out);
        return ops.transpose(ops.activation(y, layer.getActivationFn()), 0, 2, 1);               // [N, out, T]
    }

    private Tensor weights(String name, Layer runtime, long in, long out) {
        return graph.weights(name + ".W", Parameters.values(runtime.getParam(DefaultParamInitializer.WEIGHT_KEY)), in, out);
    }

    private Tensor bias(String name, Layer runtime, long out) {
        return graph.weights(name + ".b", Parameters.values(runtime.getParam(DefaultParamInitializer.BIAS_KEY)), out);
    }
}

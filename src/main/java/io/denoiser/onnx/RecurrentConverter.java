package io.denoiser.onnx;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's LSTM layers (sigmoid gates, tanh cell and output, no peepholes), one-way or bidirectional with their
 * outputs concatenated, as ONNX LSTM nodes, on DL4J's NCW sequences [N, C, T]: ONNX runs them time-major.
 */
final class RecurrentConverter {

    /** DL4J's gate blocks are [cell input, forget, output, input gate]; ONNX wants input, output, forget, cell. */
    private static final int[] ONNX_GATE_ORDER = {3, 2, 1, 0};

    private final OnnxGraph graph;
    private final OnnxOps ops;

    RecurrentConverter(OnnxOps ops) {
        this.graph = ops.graph();
        this.ops = ops;
    }

    Tensor lstm(String name, LSTM layer, Layer runtime, Tensor x) {
        check(name, layer);
        return run(name, x, (int) layer.getNOut(), "forward", List.of(runtime), List.of(""));
    }

    /** Both directions' outputs, forward first, concatenated along the features as DL4J's CONCAT mode does. */
    Tensor bidirectional(String name, Bidirectional layer, Layer runtime, Tensor x) {
        if (layer.getMode() != Bidirectional.Mode.CONCAT || !(layer.getFwd() instanceof LSTM fwd)) {
            throw new UnsupportedOperationException(name + ": only a bidirectional LSTM in CONCAT mode exports to ONNX");
        }
        check(name, fwd);
        return run(name, x, (int) fwd.getNOut(), "bidirectional", List.of(runtime, runtime), List.of("f", "b"));
    }

    private Tensor run(String name, Tensor x, int hidden, String direction, List<Layer> layers, List<String> prefixes) {
        int directions = prefixes.size();
        long in = x.dimension(1);
        long steps = x.dimension(2);
        float[] weights = new float[(int) (directions * 4 * hidden * in)];
        float[] recurrent = new float[directions * 4 * hidden * hidden];
        float[] biases = new float[directions * 8 * hidden];
        for (int d = 0; d < directions; d++) {
            Layer layer = layers.get(d);
            String prefix = prefixes.get(d);
            copy(onnxOrder(layer.getParam(prefix + LSTMParamInitializer.INPUT_WEIGHT_KEY), hidden), weights, d);
            copy(onnxOrder(layer.getParam(prefix + LSTMParamInitializer.RECURRENT_WEIGHT_KEY), hidden), recurrent, d);
            // DL4J has one bias per gate: it is ONNX's input bias, and the recurrent bias stays zero
            float[] bias = onnxOrder(layer.getParam(prefix + LSTMParamInitializer.BIAS_KEY).reshape(1, 4L * hidden), hidden);
            System.arraycopy(bias, 0, biases, d * 8 * hidden, bias.length);
        }
        Tensor timeMajor = ops.transpose(x, 2, 0, 1);                                        // [T, N, C]
        Tensor y = graph.node("LSTM", new long[] {steps, directions, x.dimension(0), hidden}, List.of(timeMajor,
                        graph.weights(name + ".W", weights, directions, 4L * hidden, in),
                        graph.weights(name + ".R", recurrent, directions, 4L * hidden, hidden),
                        graph.weights(name + ".B", biases, directions, 8L * hidden)),
                Attributes.integer("hidden_size", hidden), Attributes.string("direction", direction));
        graph.countMultiplyAdds(directions * steps * 4L * hidden * (in + hidden));
        Tensor batchMajor = ops.transpose(y, 2, 1, 3, 0);                                     // [N, dirs, H, T]
        return ops.reshape(batchMajor, x.dimension(0), (long) directions * hidden, steps);  // [N, dirs*H, T]
    }

    /** DL4J's [in, 4H] gate blocks as ONNX's [4H, in] rows, in ONNX's gate order. */
    private static float[] onnxOrder(INDArray dl4j, int hidden) {
        INDArray[] blocks = new INDArray[4];
        for (int i = 0; i < 4; i++) {
            long gate = ONNX_GATE_ORDER[i];
            blocks[i] = dl4j.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * hidden, (gate + 1) * hidden));
        }
        return Parameters.values(Nd4j.hstack(blocks).transpose());
    }

    private static void copy(float[] direction, float[] all, int index) {
        System.arraycopy(direction, 0, all, index * direction.length, direction.length);
    }

    private static void check(String name, LSTM layer) {
        if (!(layer.getGateActivationFn() instanceof ActivationSigmoid) || !(layer.getActivationFn() instanceof ActivationTanH)) {
            throw new UnsupportedOperationException(name + ": only LSTMs with sigmoid gates and tanh activations export");
        }
    }
}

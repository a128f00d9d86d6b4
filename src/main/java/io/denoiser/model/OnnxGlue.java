package io.denoiser.model;

import io.denoiser.onnx.OnnxContract;
import io.denoiser.onnx.OnnxGraph;
import io.denoiser.onnx.OnnxOps;
import io.denoiser.onnx.Tensor;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the designs' ONNX exports share: their networks loaded with a model's parameters, and the inputs and
 * outputs of {@link OnnxContract}, with a symbolic batch dimension.
 */
final class OnnxGlue {

    static final String BATCH = "N";

    private OnnxGlue() {
    }

    static MultiLayerNetwork loaded(MultiLayerConfiguration configuration, float[] parameters) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init(Nd4j.createFromArray(parameters).reshape(1, parameters.length), false);
        return network;
    }

    static ComputationGraph loaded(ComputationGraphConfiguration configuration, float[] parameters) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init(Nd4j.createFromArray(parameters).reshape(1, parameters.length), false);
        return graph;
    }

    /** The image input [N, C, H, W], of the model shape's size or, for a fully convolutional design, of any size. */
    static Tensor imageInput(OnnxGraph graph, ModelShape shape, boolean anySize) {
        int[] chw = shape.input();
        return graph.input(OnnxContract.INPUT, new long[] {1, chw[0], chw[1], chw[2]}, BATCH, null,
                anySize ? "H" : null, anySize ? "W" : null);
    }

    /**
     * The sequence input [N, T, F], optionally with its steps symbolic, transposed to the [N, F, T] DL4J's
     * recurrent layers and 1-D convolutions read.
     */
    static Tensor sequenceInput(OnnxOps ops, ModelShape shape, boolean symbolicSteps) {
        return ops.transpose(rawSequenceInput(ops.graph(), shape, symbolicSteps), 0, 2, 1);
    }

    static Tensor rawSequenceInput(OnnxGraph graph, ModelShape shape, boolean symbolicSteps) {
        return graph.input(OnnxContract.INPUT, new long[] {1, shape.input()[0], shape.input()[1]}, BATCH,
                symbolicSteps ? "T" : null);
    }

    /** The denoised sequence [N, T, F] from DL4J's [N, F, T], and the latent [N, L]. */
    static void sequenceOutputs(OnnxOps ops, Tensor denoised, Tensor latent) {
        ops.graph().output(OnnxContract.DENOISED, ops.transpose(denoised, 0, 2, 1));
        ops.graph().output(OnnxContract.LATENT, latent);
    }

    /** The last output of a layer stack, its loss layer left out. */
    static Tensor last(List<Tensor> outputs) {
        for (int i = outputs.size() - 1; i >= 0; i--) {
            if (outputs.get(i) != null) {
                return outputs.get(i);
            }
        }
        throw new IllegalArgumentException("a network with no output");
    }
}

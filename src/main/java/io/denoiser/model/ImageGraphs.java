package io.denoiser.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * What the single-channel image designs' graphs share: an input named {@code image} (and any other
 * single-channel maps of its size a design reads beside it), Adam on the design's
 * schedule, Xavier weights, channel-first for training and channel-last for inference, and an inference
 * graph whose outputs are the denoised image and the latent feature map.
 */
final class ImageGraphs {

    static final String INPUT = "image";

    private ImageGraphs() {
    }

    /** The format a graph is built in: training keeps NCHW, inference runs NHWC (see {@link ChannelsLastImageInference}). */
    static CNN2DFormat format(boolean training) {
        return training ? CNN2DFormat.NCHW : CNN2DFormat.NHWC;
    }

    static ComputationGraphConfiguration.GraphBuilder builder(long seed, ISchedule learningRate, int height, int width,
                                                              CNN2DFormat format, String... otherInputs) {
        String[] inputs = new String[otherInputs.length + 1];
        inputs[0] = INPUT;
        System.arraycopy(otherInputs, 0, inputs, 1, otherInputs.length);
        InputType[] types = new InputType[inputs.length];
        Arrays.fill(types, InputType.convolutional(height, width, 1, format));
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(inputs)
                .setInputTypes(types);
    }

    /**
     * Makes {@code output} and {@code latent} the inference graph's outputs. DL4J's graph output fails for an
     * output vertex that also feeds other layers; a parameterless terminal copy of the latent layer avoids that
     * without changing the parameter layout.
     */
    static void inferenceOutputs(ComputationGraphConfiguration.GraphBuilder graph, String output, String latent) {
        graph.addLayer("latent", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), latent)
                .setOutputs(output, "latent");
    }

    static ComputationGraph initialised(ComputationGraphConfiguration configuration) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return graph;
    }
}

package io.denoiser.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a single-channel image graph built channels-last (NHWC), whose two outputs are the denoised image and
 * its latent feature map; oneDNN's convolutions take NHWC with less reordering than NCHW. The latent is
 * returned in channel-first (CHW) order, the layout the latent topic and the tiler read.
 */
final class ChannelsLastImageInference implements InferenceEngine {

    private final ComputationGraph graph;
    private final int height;
    private final int width;

    /** @param graph an initialised inference graph; {@code parameters} are loaded into it */
    ChannelsLastImageInference(ComputationGraph graph, float[] parameters, int height, int width) {
        graph.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
        this.graph = graph;
        this.height = height;
        this.width = width;
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        // one channel: the NCHW and NHWC layouts of an image batch are the same values
        INDArray batch = Batches.batch(inputs, height * width, new long[] {inputs.length, height, width, 1});
        INDArray[] outputs = graph.output(batch);
        INDArray latentChw = outputs[1].permute(0, 3, 1, 2);
        return new Reconstruction(Batches.rows(outputs[0], inputs.length), Batches.rows(latentChw, inputs.length));
    }

    @Override
    public void close() {
        graph.close();
    }
}

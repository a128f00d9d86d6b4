package io.denoiser.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a single-channel image graph built channels-last (NHWC), whose two outputs are the denoised image and
 * its latent feature map; oneDNN's convolutions take NHWC with less reordering than NCHW. The latent is
 * returned in channel-first (CHW) order, the layout the latent topic and the tiler read. A graph with a
 * second input reads a map of each image's noise level there (see {@link NoiseLevels}).
 */
final class ChannelsLastImageInference implements InferenceEngine {

    private final ComputationGraph graph;
    private final int height;
    private final int width;
    private final boolean readsNoiseLevel;

    /** @param graph an initialised inference graph; {@code parameters} are loaded into it */
    ChannelsLastImageInference(ComputationGraph graph, float[] parameters, int height, int width) {
        graph.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
        this.graph = graph;
        this.height = height;
        this.width = width;
        this.readsNoiseLevel = graph.getConfiguration().getNetworkInputs().size() == 2;
    }

    /** Each image's noise level, if the graph reads one, is estimated over the image itself. */
    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        float[] levels = new float[inputs.length];
        for (int i = 0; i < inputs.length && readsNoiseLevel; i++) {
            levels[i] = NoiseLevels.estimate(inputs[i], 0, height, width);
        }
        return reconstruct(inputs, levels);
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs, float[] noiseLevels) {
        // one channel: the NCHW and NHWC layouts of an image batch are the same values
        long[] shape = {inputs.length, height, width, 1};
        INDArray batch = Batches.batch(inputs, height * width, shape);
        INDArray[] outputs = readsNoiseLevel ? graph.output(batch, NoiseLevels.maps(noiseLevels, shape)) : graph.output(batch);
        INDArray latentChw = outputs[1].permute(0, 3, 1, 2);
        return new Reconstruction(Batches.rows(outputs[0], inputs.length), Batches.rows(latentChw, inputs.length));
    }

    @Override
    public void close() {
        graph.close();
    }
}

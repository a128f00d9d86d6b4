package io.denoiser.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference for {@link TemporalCnnDesign}: its graph without the loss, over a batch of time-major windows of
 * any accepted length, all of one length. The features are fixed by the model; the steps are read from each batch.
 */
final class TemporalCnnInference implements InferenceEngine {

    private final ComputationGraph graph;
    private final int features;

    /** @param graph the design's inference graph with the model's parameters loaded; closed with this engine */
    TemporalCnnInference(ComputationGraph graph, int features) {
        this.graph = graph;
        this.features = features;
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        int n = inputs.length;
        int steps = steps(inputs);
        INDArray windows = Batches.batch(inputs, steps * features, new long[] {n, steps, features});  // [N,T,F]
        INDArray[] outputs = graph.output(windows.permute(0, 2, 1).dup('c'));                        // [N,F,T], [N,H]
        return new Reconstruction(Batches.rows(outputs[0].permute(0, 2, 1), n), Batches.rows(outputs[1], n));
    }

    /** The batch's window length, refused unless every window has it and the design accepts it. */
    private int steps(float[][] inputs) {
        int values = inputs[0].length;
        if (values % features != 0) {
            throw new IllegalArgumentException("a window of " + values + " values is not whole steps of "
                    + features + " features");
        }
        TemporalCnnDesign.checkSteps(values / features);
        for (float[] input : inputs) {
            if (input.length != values) {
                throw new IllegalArgumentException("windows of one batch must have one length: " + input.length
                        + " values beside " + values);
            }
        }
        return values / features;
    }

    @Override
    public void close() {
        graph.close();
    }
}

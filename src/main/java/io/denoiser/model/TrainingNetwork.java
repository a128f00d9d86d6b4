package io.denoiser.model;

import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A network being trained, whether DL4J built it as a layer stack or as a graph. */
public final class TrainingNetwork {

    private final Model model;
    private final NeuralNetwork network;
    private final Runnable epochCounter;
    private final DoubleSupplier learningRate;

    TrainingNetwork(MultiLayerNetwork network) {
        this(network, network, network::incrementEpochCount, () -> network.getLearningRate(0));
    }

    TrainingNetwork(ComputationGraph graph) {
        this(graph, graph, graph::incrementEpochCount,
                () -> graph.getLearningRate(graph.getLayers()[0].conf().getLayer().getLayerName()));
    }

    private TrainingNetwork(Model model, NeuralNetwork network, Runnable epochCounter, DoubleSupplier learningRate) {
        this.model = model;
        this.network = network;
        this.epochCounter = epochCounter;
        this.learningRate = learningRate;
    }

    /** One gradient step on a batch of noisy inputs (with any other inputs of the design) and their clean targets. */
    public void fit(INDArray[] inputs, INDArray clean) {
        if (network instanceof ComputationGraph graph) {
            graph.fit(new MultiDataSet(inputs, new INDArray[] {clean}));
        } else if (inputs.length == 1) {
            network.fit(new DataSet(inputs[0], clean));
        } else {
            throw new IllegalArgumentException("a layer stack takes one input, not " + inputs.length);
        }
    }

    /**
     * Marks the end of an epoch. Learning-rate schedules count epochs, not iterations, so they step at the
     * same epoch whatever the batch size and the number of training records; DL4J counts epochs only when
     * it drives the loop itself, which the trainer does not.
     */
    public void nextEpoch() {
        epochCounter.run();
    }

    /** The learning rate the next step uses in the first layer. */
    public double learningRate() {
        return learningRate.getAsDouble();
    }

    /** Loss of the last batch. */
    public double score() {
        return model.score();
    }

    public long parameterCount() {
        return model.numParams();
    }

    /** Flat parameters, in the layout model records carry. */
    public float[] parameters() {
        return model.params().toFloatVector();
    }

    public void setParameters(float[] parameters) {
        model.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
    }
}

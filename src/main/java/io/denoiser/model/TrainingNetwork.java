package io.denoiser.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** A network being trained, whether DL4J built it as a layer stack or as a graph. */
public final class TrainingNetwork {

    private final Model model;
    private final NeuralNetwork network;

    <T extends Model & NeuralNetwork> TrainingNetwork(T network) {
        this.model = network;
        this.network = network;
    }

    /** One gradient step on a batch of noisy inputs and their clean targets. */
    public void fit(INDArray noisy, INDArray clean) {
        network.fit(new DataSet(noisy, clean));
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

package io.denoiser.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference for {@link LstmSequenceAutoencoder} on libnd4j's native {@code lstmLayer} op, which runs on
 * oneDNN's LSTM primitive when asked for the full sequence plus the last output and cell state. DL4J's
 * own LSTM layer computes step by step in Java-driven ops and measured ~4x slower here.
 */
final class LstmAutoencoder implements Autoencoder {

    private static final String WORKSPACE = "lstm-autoencoder-inference";
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP).build();

    private final int steps;
    private final int features;
    private final int hidden;
    private final boolean reversedInput;
    private final Gates encoder;
    private final Gates decoder;
    private final INDArray outputWeights;
    private final INDArray outputBias;

    /** LSTM weights in the gate order libnd4j expects. */
    private record Gates(INDArray input, INDArray recurrent, INDArray bias) {
    }

    /**
     * Reads the parameters out of a trained (or freshly loaded) DL4J network.
     *
     * @param reversedInput whether the encoder was trained on windows with their steps reversed
     */
    LstmAutoencoder(MultiLayerNetwork network, int steps, int features, int hidden, boolean reversedInput) {
        this.steps = steps;
        this.features = features;
        this.hidden = hidden;
        this.reversedInput = reversedInput;
        this.encoder = gates(network.getLayer(LstmSequenceAutoencoder.ENCODER));
        this.decoder = gates(network.getLayer(LstmSequenceAutoencoder.DECODER));
        Layer output = network.getLayer(LstmSequenceAutoencoder.OUTPUT);
        this.outputWeights = output.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c');
        this.outputBias = output.getParam(DefaultParamInitializer.BIAS_KEY).reshape(1, features).dup('c');
    }

    /**
     * DL4J orders the four gate blocks [cell input, forget, output, input gate]; libnd4j's lstmLayer wants
     * [input gate, forget, cell input, output].
     */
    private Gates gates(Layer layer) {
        Layer lstm = layer instanceof org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer wrapper
                ? wrapper.getUnderlying() : layer;
        return new Gates(reorder(lstm.getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY)),
                reorder(lstm.getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY)),
                reorder(lstm.getParam(LSTMParamInitializer.BIAS_KEY)).reshape(4L * hidden));
    }

    private INDArray reorder(INDArray dl4j) {
        INDArray cellInput = block(dl4j, 0);
        INDArray forget = block(dl4j, 1);
        INDArray output = block(dl4j, 2);
        INDArray inputGate = block(dl4j, 3);
        return Nd4j.hstack(inputGate, forget, cellInput, output).dup('c');
    }

    private INDArray block(INDArray weights, int gate) {
        return weights.get(NDArrayIndex.all(), NDArrayIndex.interval((long) gate * hidden, (long) (gate + 1) * hidden));
    }

    @Override
    public void close() {
        for (INDArray array : new INDArray[] {encoder.input(), encoder.recurrent(), encoder.bias(), decoder.input(),
                decoder.recurrent(), decoder.bias(), outputWeights, outputBias}) {
            if (array.closeable()) {
                array.close();
            }
        }
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        int n = inputs.length;
        int size = steps * features;
        float[][] records = reversedInput ? reversed(inputs) : inputs;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE)) {
            INDArray x = Batches.batch(records, size, new long[] {n, steps, features});       // [N,T,F]
            INDArray latent = lstm(x, encoder)[1];                                         // [N,H]
            INDArray repeated = latent.reshape(n, 1, hidden).repeat(1, steps).dup('c');     // [N,T,H]
            INDArray sequence = lstm(repeated, decoder)[0];                                // [N,T,H]
            INDArray output = sequence.reshape('c', (long) n * steps, hidden).mmul(outputWeights)
                    .addiRowVector(outputBias);                                            // [N*T,F]
            Transforms.sigmoid(output, false);
            return new Reconstruction(Batches.rows(output, n), Batches.rows(latent, n));
        }
    }

    /** Each window with its steps in reverse order, as the reversed encoder was trained to read them. */
    private float[][] reversed(float[][] inputs) {
        float[][] reversed = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            reversed[i] = Batches.reverseSteps(inputs[i], 1, steps, features);
        }
        return reversed;
    }

    /** Full sequence, last output and last cell state: the combination oneDNN's LSTM primitive serves. */
    private static INDArray[] lstm(INDArray input, Gates gates) {
        DynamicCustomOp op = DynamicCustomOp.builder("lstmLayer")
                .addInputs(input, gates.input(), gates.recurrent(), gates.bias())
                .addIntegerArguments(1, 0, 2, 0, 0)   // NTS layout, forward, sigmoid gates, tanh cell and output
                .addBooleanArguments(true, false, false, false, false, true, true, true)
                .addFloatingPointArguments(0.0)       // no cell clipping
                .build();
        return Nd4j.exec(op);
    }
}

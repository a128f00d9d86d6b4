package io.denoiser.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inference for {@link LstmDesign} on libnd4j's native LSTM ({@link NativeLstm}). */
final class LstmInference implements InferenceEngine {

    private static final String WORKSPACE = "lstm-autoencoder-inference";

    private final int steps;
    private final int features;
    private final int hidden;
    private final boolean reversedInput;
    private final NativeLstm encoder;
    private final NativeLstm decoder;
    private final SigmoidOutput output;

    /**
     * Reads the parameters out of a trained (or freshly loaded) DL4J network.
     *
     * @param reversedInput whether the encoder was trained on windows with their steps reversed
     */
    LstmInference(MultiLayerNetwork network, int steps, int features, int hidden, boolean reversedInput) {
        this.steps = steps;
        this.features = features;
        this.hidden = hidden;
        this.reversedInput = reversedInput;
        Layer encoderLayer = network.getLayer(LstmDesign.ENCODER);
        this.encoder = NativeLstm.of(encoderLayer instanceof LastTimeStepLayer wrapper ? wrapper.getUnderlying() : encoderLayer,
                "", hidden);
        this.decoder = NativeLstm.of(network.getLayer(LstmDesign.DECODER), "", hidden);
        this.output = SigmoidOutput.of(network.getLayer(LstmDesign.OUTPUT), features);
    }

    @Override
    public void close() {
        encoder.close();
        decoder.close();
        output.close();
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        int n = inputs.length;
        int size = steps * features;
        float[][] records = reversedInput ? reversed(inputs) : inputs;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                .getAndActivateWorkspace(NativeLstm.INFERENCE_WORKSPACE, WORKSPACE)) {
            INDArray x = Batches.batch(records, size, new long[] {n, steps, features});       // [N,T,F]
            INDArray latent = encoder.run(x, false)[1];                                    // [N,H]
            INDArray repeated = latent.reshape(n, 1, hidden).repeat(1, steps).dup('c');     // [N,T,H]
            INDArray sequence = decoder.run(repeated, false)[0];                           // [N,T,H]
            INDArray denoised = output.apply(sequence.reshape('c', (long) n * steps, hidden)); // [N*T,F]
            return new Reconstruction(Batches.rows(denoised, n), Batches.rows(latent, n));
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
}

package io.denoiser.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference for {@link LstmSkipDesign} on libnd4j's native LSTM ({@link NativeLstm}): the encoder, then each
 * direction of the bidirectional decoder over the noisy window beside the repeated latent, then the dense output.
 */
final class LstmSkipInference implements InferenceEngine {

    private static final String WORKSPACE = "lstm-skip-inference";

    private final int steps;
    private final int features;
    private final int hidden;
    private final NativeLstm encoder;
    private final NativeLstm forward;
    private final NativeLstm backward;
    private final SigmoidOutput output;

    /** Reads the parameters out of a loaded training graph of {@link LstmSkipDesign}. */
    LstmSkipInference(ComputationGraph graph, int steps, int features, int hidden) {
        this.steps = steps;
        this.features = features;
        this.hidden = hidden;
        this.encoder = NativeLstm.of(graph.getLayer(LstmSkipDesign.ENCODER), "", hidden);
        Layer decoder = graph.getLayer(LstmSkipDesign.DECODER);
        this.forward = NativeLstm.of(decoder, "f", hidden);
        this.backward = NativeLstm.of(decoder, "b", hidden);
        this.output = SigmoidOutput.of(graph.getLayer(LstmSkipDesign.OUTPUT), features);
    }

    @Override
    public Reconstruction reconstruct(float[][] inputs) {
        int n = inputs.length;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager()
                .getAndActivateWorkspace(NativeLstm.INFERENCE_WORKSPACE, WORKSPACE)) {
            INDArray x = Batches.batch(inputs, steps * features, new long[] {n, steps, features}); // [N,T,F]
            INDArray latent = encoder.run(x, false)[1];                                       // [N,H]
            INDArray repeated = latent.reshape(n, 1, hidden).repeat(1, steps);                // [N,T,H]
            INDArray skip = Nd4j.concat(2, x, repeated);                                      // [N,T,F+H]
            INDArray decoded = Nd4j.concat(2, forward.run(skip, false)[0], backward.run(skip, true)[0])
                    .reshape('c', (long) n * steps, 2L * hidden);                              // [N*T,2H]
            INDArray denoised = output.apply(decoded);                                        // [N*T,F]
            return new Reconstruction(Batches.rows(denoised, n), Batches.rows(latent, n));
        }
    }

    @Override
    public void close() {
        encoder.close();
        forward.close();
        backward.close();
        output.close();
    }
}

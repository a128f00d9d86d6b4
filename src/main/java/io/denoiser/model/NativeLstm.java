package io.denoiser.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One LSTM's weights laid out for libnd4j's native {@code lstmLayer} op, which runs on oneDNN's LSTM primitive
 * when asked for the full sequence plus the last output and cell state. DL4J's own LSTM layer computes step by
 * step in Java-driven ops and measured ~4x slower here.
 */
record NativeLstm(INDArray input, INDArray recurrent, INDArray bias) implements AutoCloseable {

    /** For a whole forward pass: its arrays are reused from the second batch on rather than allocated. */
    static final WorkspaceConfiguration INFERENCE_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP).build();

    /** The weights of a DL4J LSTM layer, or of one direction of a bidirectional one ({@code prefix} "f" or "b"). */
    static NativeLstm of(Layer layer, String prefix, int hidden) {
        return new NativeLstm(reorder(layer.getParam(prefix + LSTMParamInitializer.INPUT_WEIGHT_KEY), hidden),
                reorder(layer.getParam(prefix + LSTMParamInitializer.RECURRENT_WEIGHT_KEY), hidden),
                reorder(layer.getParam(prefix + LSTMParamInitializer.BIAS_KEY), hidden).reshape(4L * hidden));
    }

    /**
     * DL4J orders the four gate blocks [cell input, forget, output, input gate]; libnd4j's lstmLayer wants
     * [input gate, forget, cell input, output].
     */
    private static INDArray reorder(INDArray dl4j, int hidden) {
        return Nd4j.hstack(block(dl4j, 3, hidden), block(dl4j, 1, hidden), block(dl4j, 0, hidden), block(dl4j, 2, hidden))
                .dup('c');
    }

    private static INDArray block(INDArray weights, int gate, int hidden) {
        return weights.get(NDArrayIndex.all(), NDArrayIndex.interval((long) gate * hidden, (long) (gate + 1) * hidden));
    }

    /**
     * Runs over {@code sequence} ([batch, time, features]) first step first, or last step first when
     * {@code backward}; returns the outputs of every step [batch, time, hidden] in the input's time order,
     * and the last step's output [batch, hidden].
     */
    INDArray[] run(INDArray sequence, boolean backward) {
        DynamicCustomOp op = DynamicCustomOp.builder("lstmLayer")
                .addInputs(sequence, input, recurrent, bias)
                // NTS layout, direction, sigmoid gates, tanh cell and output
                .addIntegerArguments(1, backward ? 1 : 0, 2, 0, 0)
                .addBooleanArguments(true, false, false, false, false, true, true, true)
                .addFloatingPointArguments(0.0)       // no cell clipping
                .build();
        return Nd4j.exec(op);
    }

    @Override
    public void close() {
        closeAll(input, recurrent, bias);
    }

    /** Frees the native memory of arrays that own it; views and workspace arrays are left alone. */
    static void closeAll(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array.closeable()) {
                array.close();
            }
        }
    }
}

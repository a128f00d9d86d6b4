package io.denoiser.model;

import io.denoiser.onnx.NetworkConverter;
import io.denoiser.onnx.OnnxOps;
import io.denoiser.onnx.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A fully convolutional 1-D U-Net over time for windows of T steps x F features: convolutions along time with
 * all features as channels, two stride-2 downsamplings to T/4, upsamplings to which the encoder's features of
 * the same length are added, and a residual output: the network predicts the correction to the noisy window,
 * which the output adds back. The stride-2 levels buy a receptive field wider than a 64-step window without
 * dilation (dilated convolutions fail on this ND4J build's oneDNN path) at a quarter of the full-length cost.
 *
 * <p>The model's shape is the window it was trained on, [T, F], and its latent [H]: H channels at T/2 and
 * T/4, H/2 at full length. Nothing depends on T, so any window whose steps are a multiple of {@value #STRIDE}
 * (the strides' product) within {@link SequenceDesign#MAX_DIMENSION} runs; the latent is the bottleneck's
 * channels averaged over time, [H] whatever T. Trained with mean squared error, the measure PSNR scores.
 * Shapes are NCW ([batch, channels, time]); inference runs the same graph ({@link TemporalCnnInference}).
 */
final class TemporalCnnDesign implements SequenceDesign {

    /** The product of the strides: window lengths must be a multiple of it so that every level halves exactly. */
    static final int STRIDE = 4;
    private static final int KERNEL = 5;
    private static final int DOWN_KERNEL = 4;
    private static final ModelShape DEFAULT = new ModelShape(new int[] {64, 8}, new int[] {128});
    /** Adam at 1e-3 until the held-out PSNR levels off, then 3e-4 and 1e-4 to settle into the minimum. */
    private static final ISchedule LEARNING_RATE = new MapSchedule(ScheduleType.EPOCH,
            Map.of(0, 1e-3, 24, 3e-4, 32, 1e-4));
    private static final String INPUT = "noisy";
    static final String OUTPUT = "denoised";
    static final String BOTTLENECK = "b2";
    static final String LATENT = "latent";

    @Override
    public ModelShape defaultShape() {
        return DEFAULT;
    }

    /** Adds to the sequence check what the convolutions need: steps a multiple of the strides, H even. */
    @Override
    public void checkShape(ModelShape shape) {
        SequenceDesign.super.checkShape(shape);
        checkSteps(shape.input()[0]);
        if (shape.latent()[0] % 2 != 0) {
            throw new InvalidModelException("needs an even latent size (H channels, H/2 at full length), not "
                    + shape.latent()[0]);
        }
    }

    /** Windows of the model's features and any length {@link #checkSteps} accepts. */
    @Override
    public void checkInput(ModelShape shape, int[] record) {
        if (record.length != 2 || record[1] != shape.input()[1]) {
            throw new InvalidModelException("takes windows [steps, " + shape.input()[1] + "], not "
                    + Arrays.toString(record));
        }
        checkSteps(record[0]);
    }

    /** Throws {@link InvalidModelException} unless windows of {@code steps} fit every level's stride. */
    static void checkSteps(int steps) {
        if (steps < STRIDE || steps > MAX_DIMENSION || steps % STRIDE != 0) {
            throw new InvalidModelException("takes windows of any multiple of " + STRIDE + " steps from " + STRIDE
                    + " to " + MAX_DIMENSION + ", not " + steps);
        }
    }

    @Override
    public long parameterCount(ModelShape shape) {
        long f = shape.input()[1];
        long h = shape.latent()[0];
        long c = h / 2;
        long full = conv(KERNEL, f, c) + 2 * conv(KERNEL, c, c) + conv(KERNEL, c, f);    // in, e0, u0, correction
        long half = conv(DOWN_KERNEL, c, h) + conv(KERNEL, h, h) + conv(KERNEL, h, c);   // d1, e1, u1
        long quarter = conv(DOWN_KERNEL, h, h) + 2 * conv(KERNEL, h, h);                 // d2, b1, b2
        return full + half + quarter;
    }

    private static long conv(int kernel, long in, long out) {
        return kernel * in * out + out;
    }

    @Override
    public TrainingNetwork trainingNetwork(long seed, ModelShape shape) {
        return new TrainingNetwork(initialised(graph(seed, shape, true)));
    }

    @Override
    public InferenceEngine inference(float[] parameters, ModelShape shape) {
        ComputationGraph graph = initialised(graph(0, shape, false));
        graph.setParams(Nd4j.createFromArray(parameters).reshape(1, parameters.length));
        return new TemporalCnnInference(graph, shape.input()[1]);
    }

    /** The inference graph, on windows of any length it accepts: the steps are symbolic. */
    @Override
    public void exportOnnx(OnnxOps ops, float[] parameters, ModelShape shape) {
        ComputationGraph network = OnnxGlue.loaded(graph(0, shape, false), parameters);
        try {
            Map<String, Tensor> values = new NetworkConverter(ops).convert(network,
                    Map.of(INPUT, OnnxGlue.sequenceInput(ops, shape, true)));
            OnnxGlue.sequenceOutputs(ops, values.get(OUTPUT), values.get(LATENT));
        } finally {
            network.close();
        }
    }

    /**
     * Training ends in a per-value squared error; inference exposes the denoised window and the latent. No input
     * type is declared, so nothing in the graph depends on T (every layer's width is given instead).
     */
    static ComputationGraphConfiguration graph(long seed, ModelShape shape, boolean training) {
        int f = shape.input()[1];
        int h = shape.latent()[0];
        int c = h / 2;
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .graphBuilder()
                .addInputs(INPUT)                                                                     // [F,T]
                .addLayer("in", conv(KERNEL, 1, f, c, Activation.RELU), INPUT)                     // [C,T]
                .addLayer("e0", conv(KERNEL, 1, c, c, Activation.RELU), "in")                      // [C,T]
                .addLayer("d1", conv(DOWN_KERNEL, 2, c, h, Activation.RELU), "e0")                 // [H,T/2]
                .addLayer("e1", conv(KERNEL, 1, h, h, Activation.RELU), "d1")                      // [H,T/2]
                .addLayer("d2", conv(DOWN_KERNEL, 2, h, h, Activation.RELU), "e1")                 // [H,T/4]
                .addLayer("b1", conv(KERNEL, 1, h, h, Activation.RELU), "d2")                      // [H,T/4]
                .addLayer(BOTTLENECK, conv(KERNEL, 1, h, h, Activation.RELU), "b1")                // [H,T/4]
                .addLayer("up2", new Upsampling1D.Builder(2).build(), BOTTLENECK)                 // [H,T/2]
                .addVertex("skip1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "up2", "e1") // [H,T/2]
                .addLayer("u1", conv(KERNEL, 1, h, c, Activation.RELU), "skip1")                   // [C,T/2]
                .addLayer("up1", new Upsampling1D.Builder(2).build(), "u1")                       // [C,T]
                .addVertex("skip0", new ElementWiseVertex(ElementWiseVertex.Op.Add), "up1", "e0") // [C,T]
                .addLayer("u0", conv(KERNEL, 1, c, c, Activation.RELU), "skip0")                   // [C,T]
                .addLayer("correction", conv(KERNEL, 1, c, f, Activation.IDENTITY), "u0")         // [F,T]
                .addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Add), INPUT, "correction"); // [F,T]
        if (training) {
            graph.addLayer("loss", new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                    .activation(Activation.IDENTITY).dataFormat(RNNFormat.NCW).build(), OUTPUT).setOutputs("loss");
        } else {
            graph.addLayer(LATENT, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), BOTTLENECK) // [H]
                    .setOutputs(OUTPUT, LATENT);
        }
        return graph.build();
    }

    private static Convolution1DLayer conv(int kernel, int stride, int in, int out, Activation activation) {
        return new Convolution1DLayer.Builder(kernel, stride)
                .nIn(in)
                .nOut(out)
                .activation(activation)
                .convolutionMode(ConvolutionMode.Same)
                .rnnDataFormat(RNNFormat.NCW)
                .build();
    }

    private static ComputationGraph initialised(ComputationGraphConfiguration configuration) {
        ComputationGraph graph = new ComputationGraph(configuration);
        graph.init();
        return graph;
    }
}

package io.denoiser.model;

import io.denoiser.onnx.NetworkConverter;
import io.denoiser.onnx.OnnxContract;
import io.denoiser.onnx.OnnxOps;
import io.denoiser.onnx.Tensor;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A fully convolutional residual U-Net for grayscale photographs of any size. Like {@code unet-s2} it does
 * no work at full resolution: a 2x2 stride-2 convolution reads the image into 48 channels at half
 * resolution, one convolution there and a stride-2 convolution take it to 96 channels at quarter resolution
 * for four convolutions (the receptive field, ~50 pixels across, comes cheaply there), and a 2x2 transposed
 * convolution plus the half-resolution skip lead back to a 2x2 transposed convolution that predicts the
 * correction to the noisy input. Predicting the residual rather than the image is what lets a small network
 * learn Gaussian denoising of unknown levels (as in DnCNN). Shape comments are CHW for an input of H x W.
 *
 * <p>A second input, as in FFDNet, is a map of the plane's noise level estimated by {@link NoiseLevels} over
 * the whole plane, filled into every pixel. A blind network sees only its receptive field, and at low noise
 * it cannot tell fine texture (grass, fabric) from noise, so it smooths texture away; the level, taken over
 * far more pixels, tells it how much to remove. Training estimates it the same way, on each noisy patch. A
 * constant map through a bias-free 2x2 stride-2 convolution adds {@code level * w_c} to each channel of the
 * first layer before its ReLU, the same at every pixel.
 *
 * <p>Inference runs on tiles of {@link #TILE} x {@link #TILE} pixels (see {@link ImageTiler}), so the
 * model record's input shape is one tile; the latent vector of an image is its quarter-resolution feature
 * map averaged over the image, one value per channel, whatever the image size.
 */
final class PhotoUnetDesign implements Design {

    static final int C1 = 48;
    static final int C2 = 96;
    static final int DEEP_LAYERS = 4;
    static final int TILE = 288;
    /** At least the receptive field's radius, a multiple of the size multiple; checked by a test. */
    static final int MARGIN = 32;
    static final int SIZE_MULTIPLE = 4;
    private static final ModelShape SHAPE = new ModelShape(new int[] {1, TILE, TILE}, new int[] {C2});
    static final ImageTiling TILING = new ImageTiling(1, 8, SIZE_MULTIPLE, TILE, MARGIN, C2, 4);
    /** Adam at 1e-3, then 3e-4 and 1e-4 to settle into the minimum. */
    private static final ISchedule LEARNING_RATE = new MapSchedule(ScheduleType.EPOCH,
            Map.of(0, 1e-3, 6, 3e-4, 9, 1e-4));
    static final String OUTPUT = "out";
    static final String LEVEL = "level";
    static final String LATENT = "deep" + (DEEP_LAYERS - 1);

    @Override
    public ModelShape defaultShape() {
        return SHAPE;
    }

    @Override
    public Optional<ImageTiling> tiling() {
        return Optional.of(TILING);
    }

    @Override
    public long parameterCount(ModelShape shape) {
        long in = 4L * C1 + C1;                                   // 2x2, 1 -> C1
        long level = 4L * C1;                                     // 2x2, 1 -> C1, no bias
        long half = 2 * (9L * C1 * C1 + C1);                      // encoder and decoder 3x3 at H/2
        long down = 9L * C1 * C2 + C2;                            // 3x3 stride 2
        long deep = DEEP_LAYERS * (9L * C2 * C2 + C2);            // 3x3 at H/4
        long up = 4L * C2 * C1 + C1;                              // 2x2 transposed
        long out = 4L * C1 + 1;                                   // 2x2 transposed, C1 -> 1
        return in + level + half + down + deep + up + out;
    }

    @Override
    public TrainingNetwork trainingNetwork(long seed, ModelShape shape) {
        return new TrainingNetwork(ImageGraphs.initialised(graph(seed, true)));
    }

    @Override
    public InferenceEngine inference(float[] parameters, ModelShape shape) {
        return new ChannelsLastImageInference(ImageGraphs.initialised(graph(0, false)), parameters, shape.input()[1], shape.input()[2]);
    }

    /**
     * The channel-first training graph without its loss, on images of any size (multiples of
     * {@value #SIZE_MULTIPLE}): the level map is each image's noise level filled in, the denoised image is
     * clipped to [0, 1] as the tiler stitches it, and the latent is the deepest map averaged over all its cells.
     */
    @Override
    public void exportOnnx(OnnxOps ops, float[] parameters, ModelShape shape) {
        ComputationGraph network = OnnxGlue.loaded(graph(0, true), parameters);
        try {
            Tensor image = OnnxGlue.imageInput(ops.graph(), shape, true);
            Tensor level = ops.graph().input(OnnxContract.NOISE_LEVEL, new long[] {1}, OnnxGlue.BATCH);
            Map<String, Tensor> values = new NetworkConverter(ops).convert(network,
                    Map.of(ImageGraphs.INPUT, image, LEVEL, ops.fill(level, image)));
            ops.graph().output(OnnxContract.DENOISED, ops.clip(values.get(OUTPUT), 0, 1));
            ops.graph().output(OnnxContract.LATENT, ops.meanOverSpace(values.get(LATENT)));
            ops.graph().output(OnnxContract.LATENT_MAP, values.get(LATENT));
        } finally {
            network.close();
        }
    }

    @Override
    public INDArray trainingBatch(float[] values, int count, ModelShape shape) {
        return Nd4j.create(values, shape.batchShape(count), 'c');
    }

    /** The noisy patches and the map of each one's estimated noise level. */
    @Override
    public INDArray[] trainingInputs(float[] values, int count, ModelShape shape) {
        int height = shape.input()[1];
        int width = shape.input()[2];
        float[] levels = new float[count];
        for (int i = 0; i < count; i++) {
            levels[i] = NoiseLevels.estimate(values, i * height * width, height, width);
        }
        return new INDArray[] {trainingBatch(values, count, shape), NoiseLevels.maps(levels, shape.batchShape(count))};
    }

    /** Training adds a mean squared error on the denoised image; inference also exposes the deepest features. */
    static ComputationGraphConfiguration graph(long seed, boolean training) {
        CNN2DFormat format = ImageGraphs.format(training);
        ComputationGraphConfiguration.GraphBuilder graph = ImageGraphs.builder(seed, LEARNING_RATE, TILE, TILE, format, LEVEL);
        graph.addLayer("in", conv(C1, 2, 2, Activation.IDENTITY, format), ImageGraphs.INPUT)    // [C1,H/2,W/2]
                .addLayer("inLevel", levelConv(format), LEVEL)                                       // [C1,H/2,W/2]
                .addVertex("inSum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "in", "inLevel") // [C1,H/2,W/2]
                .addLayer("inRelu", new ActivationLayer.Builder().activation(Activation.RELU).build(), "inSum")
                .addLayer("half", conv(C1, 3, 1, Activation.RELU, format), "inRelu")                // [C1,H/2,W/2]
                .addLayer("down", conv(C2, 3, 2, Activation.RELU, format), "half");                  // [C2,H/4,W/4]
        String previous = "down";
        for (int i = 0; i < DEEP_LAYERS; i++) {
            graph.addLayer("deep" + i, conv(C2, 3, 1, Activation.RELU, format), previous);         // [C2,H/4,W/4]
            previous = "deep" + i;
        }
        graph.addLayer("up", transposed(C1, format), LATENT)                                         // [C1,H/2,W/2]
                .addVertex("skip", new ElementWiseVertex(ElementWiseVertex.Op.Add), "up", "half")   // [C1,H/2,W/2]
                .addLayer("halfUp", conv(C1, 3, 1, Activation.RELU, format), "skip")                 // [C1,H/2,W/2]
                .addLayer("residual", transposed(1, format), "halfUp")                               // [1,H,W]
                .addVertex(OUTPUT, new ElementWiseVertex(ElementWiseVertex.Op.Add), "residual", ImageGraphs.INPUT); // [1,H,W]
        if (training) {
            graph.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                    .activation(Activation.IDENTITY).format(format).build(), OUTPUT).setOutputs("loss");
        } else {
            ImageGraphs.inferenceOutputs(graph, OUTPUT, LATENT);
        }
        return graph.build();
    }

    private static ConvolutionLayer conv(int filters, int kernel, int stride, Activation activation, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters).activation(activation)
                .convolutionMode(ConvolutionMode.Same).dataFormat(format).build();
    }

    private static ConvolutionLayer levelConv(CNN2DFormat format) {
        return new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(C1).activation(Activation.IDENTITY).hasBias(false)
                .convolutionMode(ConvolutionMode.Same).dataFormat(format).build();
    }

    private static Deconvolution2D transposed(int filters, CNN2DFormat format) {
        return new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(filters).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Same).dataFormat(format).build();
    }
}

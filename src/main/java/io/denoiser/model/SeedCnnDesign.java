package io.denoiser.model;

import io.denoiser.onnx.NetworkConverter;
import io.denoiser.onnx.OnnxContract;
import io.denoiser.onnx.OnnxOps;
import io.denoiser.onnx.Tensor;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The seed's convolutional denoising autoencoder for 28x28 grayscale digits (27,073 parameters).
 * Shapes are NCHW: [batch, channels, height, width].
 *
 * <p>Training uses the whole network with a binary cross-entropy loss. Inference runs the encoder and the
 * decoder as two networks over the same parameters, so one pass yields both the latent vector and the
 * reconstruction at the speed of DL4J's workspace-backed {@code output()}; {@code feedForward()}, the
 * alternative that exposes intermediate activations, measured ~40% slower.
 */
final class SeedCnnDesign implements Design {

    private static final ModelShape SHAPE = new ModelShape(new int[] {1, 28, 28}, new int[] {32, 4, 4});
    private static final long PARAMETERS = 27_073;

    @Override
    public ModelShape defaultShape() {
        return SHAPE;
    }

    @Override
    public long parameterCount(ModelShape shape) {
        return PARAMETERS;
    }

    @Override
    public TrainingNetwork trainingNetwork(long seed, ModelShape shape) {
        return new TrainingNetwork(initialised(configuration(seed)));
    }

    @Override
    public InferenceEngine inference(float[] parameters, ModelShape shape) {
        return new SplitNetworkInference(initialised(encoder()), initialised(decoder()), parameters,
                new long[] {1, 28, 28});
    }

    /** The whole layer stack; the latent is the encoder's last layer, flattened CHW. */
    @Override
    public void exportOnnx(OnnxOps ops, float[] parameters, ModelShape shape) {
        MultiLayerNetwork network = OnnxGlue.loaded(configuration(0), parameters);
        try {
            List<Tensor> layers = new NetworkConverter(ops).convert(network, OnnxGlue.imageInput(ops.graph(), shape, false));
            ops.graph().output(OnnxContract.DENOISED, OnnxGlue.last(layers));
            ops.graph().output(OnnxContract.LATENT, ops.flatten(layers.get(encoderLayers().length - 1)));
        } finally {
            network.close();
        }
    }

    @Override
    public INDArray trainingBatch(float[] values, int count, ModelShape shape) {
        return Nd4j.create(values, shape.batchShape(count), 'c');
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /** The training network: encoder, decoder, and a per-pixel binary cross-entropy against the clean image. */
    static MultiLayerConfiguration configuration(long seed) {
        NeuralNetConfiguration.ListBuilder layers = base(seed).list();
        for (Layer layer : encoderLayers()) {
            layers.layer(layer);
        }
        for (Layer layer : decoderLayers()) {
            layers.layer(layer);
        }
        return layers
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    static MultiLayerConfiguration encoder() {
        NeuralNetConfiguration.ListBuilder layers = base(0).list();
        for (Layer layer : encoderLayers()) {
            layers.layer(layer);
        }
        return layers.setInputType(InputType.convolutional(28, 28, 1)).build();
    }

    static MultiLayerConfiguration decoder() {
        NeuralNetConfiguration.ListBuilder layers = base(0).list();
        for (Layer layer : decoderLayers()) {
            layers.layer(layer);
        }
        return layers.setInputType(InputType.convolutional(4, 4, 32)).build();
    }

    private static Layer[] encoderLayers() {
        return new Layer[] {
            conv(16, 3, 2, Activation.RELU, ConvolutionMode.Same),   // [1,28,28] -> [16,14,14]
            conv(32, 3, 2, Activation.RELU, ConvolutionMode.Same),   // -> [32,7,7]
            conv(32, 2, 2, Activation.RELU, ConvolutionMode.Same),   // -> [32,4,4] = latent (512)
        };
    }

    private static Layer[] decoderLayers() {
        return new Layer[] {
            conv(32, 2, 1, Activation.RELU, ConvolutionMode.Same),     // [32,4,4] -> [32,4,4]
            new Upsampling2D.Builder(2).build(),                       // -> [32,8,8]
            conv(32, 3, 1, Activation.RELU, ConvolutionMode.Same),     // -> [32,8,8]
            new Upsampling2D.Builder(2).build(),                       // -> [32,16,16]
            conv(16, 3, 1, Activation.RELU, ConvolutionMode.Truncate), // valid -> [16,14,14]
            new Upsampling2D.Builder(2).build(),                       // -> [16,28,28]
            conv(1, 3, 1, Activation.SIGMOID, ConvolutionMode.Same),   // -> [1,28,28]
        };
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER);
    }

    private static ConvolutionLayer conv(int filters, int kernel, int stride, Activation activation,
                                         ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(mode)
                .build();
    }
}

package io.denoiser.model;

import io.denoiser.onnx.NetworkConverter;
import io.denoiser.onnx.OnnxContract;
import io.denoiser.onnx.OnnxOps;
import io.denoiser.onnx.Tensor;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The seed's dense autoencoder for 28x28 images, flattened: 784 -> 128 -> 32 -> 128 -> 784
 * (209,968 parameters). The 32-unit middle layer is the latent vector.
 */
final class DenseDesign implements Design {

    private static final ModelShape SHAPE = new ModelShape(new int[] {1, 28, 28}, new int[] {32});
    private static final int PIXELS = 784;

    @Override
    public ModelShape defaultShape() {
        return SHAPE;
    }

    @Override
    public long parameterCount(ModelShape shape) {
        return (PIXELS * 128L + 128) + (128 * 32L + 32) + (32 * 128L + 128) + (128L * PIXELS + PIXELS);
    }

    @Override
    public TrainingNetwork trainingNetwork(long seed, ModelShape shape) {
        return new TrainingNetwork(initialised(trainingNetworkConfiguration(seed)));
    }

    private static MultiLayerConfiguration trainingNetworkConfiguration(long seed) {
        return builder(seed)
                .layer(dense(PIXELS, 128)).layer(dense(128, 32))          // encoder: 784 -> 128 -> 32
                .layer(dense(32, 128))                                     // decoder: 32 -> 128
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(128).nOut(PIXELS).activation(Activation.SIGMOID).build()) // -> 784, per-pixel BCE
                .build();
    }

    @Override
    public InferenceEngine inference(float[] parameters, ModelShape shape) {
        MultiLayerNetwork encoder = initialised(builder(0).layer(dense(PIXELS, 128)).layer(dense(128, 32)).build());
        MultiLayerNetwork decoder = initialised(builder(0).layer(dense(32, 128))
                .layer(new DenseLayer.Builder().nIn(128).nOut(PIXELS).activation(Activation.SIGMOID).build()).build());
        return new SplitNetworkInference(encoder, decoder, parameters, new long[] {PIXELS});
    }

    /** The training stack on the flattened image; its 32-unit middle layer is the latent. */
    @Override
    public void exportOnnx(OnnxOps ops, float[] parameters, ModelShape shape) {
        MultiLayerNetwork network = OnnxGlue.loaded(trainingNetworkConfiguration(0), parameters);
        try {
            Tensor image = OnnxGlue.imageInput(ops.graph(), shape, false);
            List<Tensor> layers = new NetworkConverter(ops).convert(network, ops.flatten(image));
            ops.graph().output(OnnxContract.DENOISED, ops.reshape(OnnxGlue.last(layers), image.shape()));
            ops.graph().output(OnnxContract.LATENT, layers.get(1));
        } finally {
            network.close();
        }
    }

    @Override
    public INDArray trainingBatch(float[] values, int count, ModelShape shape) {
        return Nd4j.create(values, new long[] {count, PIXELS}, 'c');
    }

    private static NeuralNetConfiguration.ListBuilder builder(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list();
    }

    private static DenseLayer dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(Activation.RELU).build();
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
